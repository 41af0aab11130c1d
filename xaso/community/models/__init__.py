"""The community app's tables, one module per topic: `households` (households, residents, imports
of the list), `announcements` (notices and whom they reached), `radio` (loudspeaker clusters and
bulletins), `infopages` (QR information pages), `feedback` (citizen reports), `points` (public
wifi and digital-support points and their map). Django finds the models through this package, and
`from xaso.community.models import X` keeps working for every caller."""

from xaso.community.models.announcements import Announcement, Attachment, Delivery, ReachedHow, Urgency
from xaso.community.models.feedback import (
    FeedbackCategory,
    FeedbackEvent,
    FeedbackPhoto,
    FeedbackReport,
    FeedbackStatus,
    FeedbackSubscriber,
)
from xaso.community.models.households import Household, HouseholdImport, ImportStatus, Resident
from xaso.community.models.infopages import InfoKind, InfoPage
from xaso.community.models.points import PointKind, PointMap, PublicPoint
from xaso.community.models.radio import (
    AudioStatus,
    Bulletin,
    PlayReport,
    PlayReportKind,
    SpeakerCluster,
    playlists_changed,
)

__all__ = [
    "Announcement",
    "Attachment",
    "AudioStatus",
    "Bulletin",
    "Delivery",
    "FeedbackCategory",
    "FeedbackEvent",
    "FeedbackPhoto",
    "FeedbackReport",
    "FeedbackStatus",
    "FeedbackSubscriber",
    "Household",
    "HouseholdImport",
    "ImportStatus",
    "InfoKind",
    "InfoPage",
    "PlayReport",
    "PlayReportKind",
    "PointKind",
    "PointMap",
    "PublicPoint",
    "ReachedHow",
    "Resident",
    "SpeakerCluster",
    "Urgency",
    "playlists_changed",
]

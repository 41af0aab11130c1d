"""What changes the cached public pages (xaso.core.public_cache): what the commune publishes
(announcements, information pages, wifi and digital-support points) and the public feedback
board (reports, their steps and photos)."""

from xaso.community.models import (
    Announcement,
    FeedbackEvent,
    FeedbackPhoto,
    FeedbackReport,
    InfoPage,
    PointMap,
    PublicPoint,
)
from xaso.core.public_cache import invalidate_on

invalidate_on(Announcement, lambda row: [f"commune:{row.commune_id}"])
invalidate_on(InfoPage, lambda row: [f"commune:{row.commune_id}"])
invalidate_on(FeedbackReport, lambda row: [f"commune:{row.commune_id}"])
invalidate_on(FeedbackEvent, lambda row: [f"commune:{row.report.commune_id}"])
invalidate_on(FeedbackPhoto, lambda row: [f"commune:{row.report.commune_id}"])
invalidate_on(PublicPoint, lambda row: [f"commune:{row.commune_id}"])
invalidate_on(PointMap, lambda row: [f"commune:{row.commune_id}"])

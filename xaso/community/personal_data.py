"""The citizen's own feedback reports and the households they belong to, for "download my
data" (xaso.core.privacy). Of a household, only its identity and the person's own member row:
the other members' details are theirs."""

from xaso.community.models import FeedbackReport, Resident
from xaso.core.privacy import register_personal_data


def _iso(value):
    return value.isoformat() if value else None


def feedback_of(user) -> list[dict]:
    """Reports `user` sent signed in and not anonymously (anonymous ones are not linked to them)."""
    return [
        {
            "tracking_code": r.tracking_code,
            "commune": r.commune_id,
            "category": r.category,
            "text": r.text,
            "status": r.status,
            "answer": r.answer,
            "created_at": _iso(r.created_at),
        }
        for r in FeedbackReport.objects.filter(reporter_id=user.pk).order_by("created_at")
    ]


def households_of(user) -> list[dict]:
    """The households where `user`'s citizen profile is listed as a member."""
    rows = Resident.objects.filter(profile__user_id=user.pk).select_related("household__village")
    return [
        {
            "household": r.household.code,
            "commune": r.household.commune_id,
            "village": r.household.village.name,
            "address": r.household.address,
            "member": {"full_name": r.full_name, "birth_year": r.birth_year, "is_head": r.is_head},
        }
        for r in rows
    ]


register_personal_data("feedback", feedback_of)
register_personal_data("households", households_of)

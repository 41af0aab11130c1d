"""The citizen's own dossiers, timelines and ratings, for "download my data" (xaso.core.privacy).
Officers' names are left out of the timeline: it says what happened and when."""

from xaso.core.privacy import register_personal_data
from xaso.onestop.models import Dossier


def _iso(value):
    return value.isoformat() if value else None


def dossiers_of(user) -> list[dict]:
    """Every dossier `user` filed or had filed for them, with its timeline, papers and rating."""
    rows = (
        Dossier.objects.filter(citizen_id=user.pk)
        .select_related("procedure", "rating")
        .prefetch_related("events", "files")
        .order_by("created_at")
    )
    out = []
    for d in rows:
        rating = getattr(d, "rating", None)
        out.append(
            {
                "code": d.code,
                "procedure": d.procedure.name,
                "commune": d.commune_id,
                "channel": d.channel,
                "status": d.status,
                "applicant_name": d.applicant_name,
                "applicant_phone": d.applicant_phone,
                "data": d.data,
                "received_at": _iso(d.received_at),
                "due_date": _iso(d.due_date),
                "finished_at": _iso(d.finished_at),
                "timeline": [
                    # The officers' internal notes are the commune's working notes, not the
                    # citizen's data: the download gives the steps without them.
                    {
                        "at": _iso(e.at),
                        "action": e.action,
                        "status": e.to_status,
                        "note": "" if e.internal else e.note,
                    }
                    for e in d.events.all()
                ],
                "papers": [f.label for f in d.files.all()],
                "rating": None if rating is None else {"level": rating.level, "comment": rating.comment},
            }
        )
    return out


register_personal_data("dossiers", dossiers_of)

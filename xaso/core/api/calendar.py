"""`GET /api/v1/calendar/due-date`: integrators check a due date the way xaso counts it."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from xaso.core.bounds import check_date
from xaso.core.calendar import LOCAL_TZ, WorkingCalendar
from xaso.core.errors import InvalidInput

router = Router(tags=["calendar"])

MAX_DAYS = 365


class DueDateIn(Schema):
    start: str = Field(max_length=40, description="YYYY-MM-DDTHH:MM, a year from 1900 to 2100")
    days: int = Field(ge=0, le=MAX_DAYS)


class DueDateOut(Schema):
    due_date: date
    receipt_day: date


def _parse_start(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(_("Give the start as YYYY-MM-DDTHH:MM."), field="start") from None
    check_date(moment, field="start", label=_("The start"))
    # A wall-clock time without an offset is Vietnamese time, as on the receipt.
    return moment.replace(tzinfo=LOCAL_TZ) if moment.tzinfo is None else moment


@router.get("/due-date", response=DueDateOut, auth=None)
def due_date(request, params: Query[DueDateIn]):
    """The due date of a dossier received at `start` (Vietnamese time unless an offset is given)
    with `days` working days: weekends, public holidays and moved days off do not count, and a
    dossier received after 15:00 counts from the next working day."""
    if not 0 <= params.days <= MAX_DAYS:
        raise InvalidInput(_("Days must be between 0 and 365."), field="days")
    start = _parse_start(params.start)
    calendar = WorkingCalendar.load()
    return {"due_date": calendar.due_date(start, params.days), "receipt_day": calendar.receipt_day(start)}

"""The working-day calendar: legal deadlines are counted in working days.

A day is a working day unless it is a Saturday or a Sunday or a Vietnamese public holiday (the
`holidays` package: New Year, the lunar New Year (Tết) and Hùng Kings' day by the lunar
calendar, 30/4, 1/5, National Day, and the weekend swaps it already knows), except where the
`DayOverride` table says otherwise: each year the government moves days off by decision (an
extra day off on a Tuesday, a make-up working Saturday), and admins record them there. The table
wins over everything else.

Counting (Decree 61/2018, art. 21, as amended; Decision 296/QĐ-VPCP for linked procedures):
- A dossier received after 15:00, or on a day that is not a working day, counts as received on
  the next working day (`receipt_day`).
- The receipt day itself is day 0: N working days later is the due date (`due_date`). A
  procedure settled "in the day" (N = 0) is due on the receipt day.
- A supplement request pauses the clock; when the citizen resubmits, the due date moves by the
  working days the dossier spent waiting (`extend_due_date`).

Times are aware datetimes (stored in UTC); the 15:00 rule is read on the Vietnamese wall clock.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone

from xaso.core.models import DayOverride, DayOverrideKind

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CUTOFF = time(15, 0)
# A bound on how far a count may run, so a bad override table cannot loop forever.
MAX_SCAN_DAYS = 3660

_vn_holidays = holidays.country_holidays("VN")


def overrides_all() -> dict[date, str]:
    """Every moved day as {date: kind}. The table holds a handful of rows a year."""
    return dict(DayOverride.objects.values_list("date", "kind"))


class WorkingCalendar:
    """Answers working-day questions against one snapshot of the override table, so a long count
    reads the table once. Build one with `WorkingCalendar.load()`."""

    def __init__(self, overrides: dict[date, str] | None = None):
        self.overrides = overrides or {}

    @classmethod
    def load(cls) -> "WorkingCalendar":
        return cls(overrides_all())

    def is_working_day(self, day: date) -> bool:
        kind = self.overrides.get(day)
        if kind == DayOverrideKind.DAY_OFF:
            return False
        if kind == DayOverrideKind.WORKING_DAY:
            return True
        # The package knows weekends, the lunar holidays and its own weekend swaps.
        return _vn_holidays.is_working_day(day)

    def holiday_name(self, day: date) -> str:
        return _vn_holidays.get(day) or ""

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        for _step in range(MAX_SCAN_DAYS):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within ten years")

    def on_or_after(self, day: date) -> date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, day: date, days: int) -> date:
        """The working day `days` working days after `day` (which counts as day 0)."""
        if days < 0:
            raise ValueError("days must not be negative")
        for _step in range(days):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie in (start, end]: 0 when end is not after start."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def receipt_day(self, moment: datetime) -> date:
        """The working day a dossier handed in at `moment` counts from (the 15:00 rule)."""
        local = to_local(moment)
        day = local.date()
        if not self.is_working_day(day) or local.time() >= CUTOFF:
            return self.next_working_day(day)
        return day

    def due_date(self, received_at: datetime, days: int) -> date:
        """The legal due date of a dossier received at `received_at` with `days` working days."""
        return self.add_working_days(self.receipt_day(received_at), days)

    def extend_due_date(self, due: date, *, paused_on: date, resumed_on: date) -> date:
        """The due date after a pause: moved by the working days in (paused_on, resumed_on]."""
        return self.add_working_days(due, self.working_days_between(paused_on, resumed_on))


def to_local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is required")
    return moment.astimezone(LOCAL_TZ)


def local_today(now: datetime | None = None) -> date:
    return to_local(now or timezone.now()).date()


def is_working_day(day: date) -> bool:
    return WorkingCalendar.load().is_working_day(day)


def due_date(received_at: datetime, days: int) -> date:
    """Shortcut for one count: see `WorkingCalendar.due_date`."""
    return WorkingCalendar.load().due_date(received_at, days)


def day_start(day: date) -> datetime:
    """The first moment of `day` on the Vietnamese wall clock (aware; 00:00 in Asia/Ho_Chi_Minh)."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


def day_bounds(first: date, last: date | None = None) -> tuple[datetime, datetime]:
    """The moments that bound the local days `first`..`last` (one day when `last` is None):
    half-open, `since <= moment < until`, so a query reads `at__gte=since, at__lt=until` and a
    moment at 23:59:59.999 of the last day is in, midnight after it is out."""
    return day_start(first), day_start((last or first) + timedelta(days=1))

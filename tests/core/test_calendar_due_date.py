from datetime import UTC, date, datetime

import pytest

from xaso.core.calendar import LOCAL_TZ, WorkingCalendar, due_date
from xaso.core.models import DayOverride, DayOverrideKind

cal = WorkingCalendar()


def at(y, m, d, hh, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


def test_a_dossier_received_before_three_pm_counts_from_the_same_day():
    assert cal.receipt_day(at(2026, 3, 10, 14, 59)) == date(2026, 3, 10)
    assert cal.due_date(at(2026, 3, 10, 14, 59), 3) == date(2026, 3, 13)


def test_a_dossier_received_at_or_after_three_pm_counts_from_the_next_working_day():
    assert cal.receipt_day(at(2026, 3, 10, 15, 0)) == date(2026, 3, 11)
    assert cal.due_date(at(2026, 3, 10, 15, 0), 3) == date(2026, 3, 16)


def test_a_friday_afternoon_dossier_counts_from_monday():
    assert cal.receipt_day(at(2026, 3, 13, 16)) == date(2026, 3, 16)


def test_a_weekend_dossier_counts_from_the_next_working_day():
    assert cal.receipt_day(at(2026, 3, 14, 9)) == date(2026, 3, 16)
    assert cal.due_date(at(2026, 3, 15, 9), 0) == date(2026, 3, 16)


def test_the_three_pm_rule_reads_the_vietnamese_clock_not_utc():
    # 08:30 UTC is 15:30 in Hà Nội: after the cut-off.
    assert cal.receipt_day(datetime(2026, 3, 10, 8, 30, tzinfo=UTC)) == date(2026, 3, 11)
    # 07:59 UTC is 14:59 in Hà Nội: before it.
    assert cal.receipt_day(datetime(2026, 3, 10, 7, 59, tzinfo=UTC)) == date(2026, 3, 10)


def test_a_dossier_received_before_tet_is_due_after_it():
    # Thursday 12 Feb 2026 at 16:00 counts from Friday 13; 3 working days: 23, 24, 25 Feb.
    assert cal.due_date(at(2026, 2, 12, 16), 3) == date(2026, 2, 25)


def test_a_dossier_received_during_tet_counts_from_the_first_working_day_after():
    assert cal.receipt_day(at(2026, 2, 17, 9)) == date(2026, 2, 23)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        cal.receipt_day(datetime(2026, 3, 10, 9))  # noqa: DTZ001


def test_a_supplement_pause_moves_the_due_date_by_the_working_days_waited():
    due = date(2026, 3, 13)
    # Paused Wednesday 11, resumed Monday 16: Thu, Fri, Mon = 3 working days.
    assert cal.extend_due_date(due, paused_on=date(2026, 3, 11), resumed_on=date(2026, 3, 16)) == date(
        2026, 3, 18
    )
    assert cal.extend_due_date(due, paused_on=date(2026, 3, 11), resumed_on=date(2026, 3, 11)) == due


@pytest.mark.django_db
def test_the_due_date_shortcut_reads_moved_days_from_the_table():
    DayOverride.objects.create(date=date(2026, 3, 11), kind=DayOverrideKind.DAY_OFF)
    assert due_date(at(2026, 3, 10, 9), 1) == date(2026, 3, 12)

from datetime import date

import pytest

from xaso.core.calendar import WorkingCalendar
from xaso.core.models import DayOverride, DayOverrideKind

cal = WorkingCalendar()


def test_weekdays_are_working_days_and_weekends_are_not():
    assert cal.is_working_day(date(2026, 3, 10))  # Tuesday
    assert not cal.is_working_day(date(2026, 3, 14))  # Saturday
    assert not cal.is_working_day(date(2026, 3, 15))  # Sunday


def test_the_lunar_new_year_is_not_worked():
    # Tết Bính Ngọ: 16–20 February 2026, by the lunar calendar.
    for day in range(16, 21):
        assert not cal.is_working_day(date(2026, 2, day)), day
    assert cal.is_working_day(date(2026, 2, 13))
    assert cal.is_working_day(date(2026, 2, 23))


def test_hung_kings_day_follows_the_lunar_calendar():
    assert not cal.is_working_day(date(2025, 4, 7))  # 10/3 Ất Tỵ
    assert cal.is_working_day(date(2026, 4, 7))


def test_fixed_public_holidays_are_not_worked():
    assert not cal.is_working_day(date(2026, 1, 1))
    assert not cal.is_working_day(date(2026, 4, 30))
    assert not cal.is_working_day(date(2026, 5, 1))
    assert not cal.is_working_day(date(2026, 9, 2))


def test_a_weekend_swap_the_package_knows_is_a_working_saturday():
    assert cal.is_working_day(date(2025, 4, 26))  # worked to give 2 May 2025 off
    assert not cal.is_working_day(date(2025, 5, 2))


def test_counting_skips_weekends():
    # Thursday + 3 working days = Tuesday.
    assert cal.add_working_days(date(2026, 3, 12), 3) == date(2026, 3, 17)


def test_counting_across_tet_skips_the_whole_holiday():
    # Friday 13 Feb 2026 + 1 working day: the weekend, then Tết 16–20 Feb, then the weekend.
    assert cal.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert cal.add_working_days(date(2026, 2, 12), 3) == date(2026, 2, 24)


def test_zero_days_is_the_same_day():
    assert cal.add_working_days(date(2026, 3, 12), 0) == date(2026, 3, 12)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        cal.add_working_days(date(2026, 3, 12), -1)


def test_working_days_between_counts_the_half_open_interval():
    assert cal.working_days_between(date(2026, 3, 13), date(2026, 3, 16)) == 1  # Fri → Mon
    assert cal.working_days_between(date(2026, 3, 16), date(2026, 3, 16)) == 0
    assert cal.working_days_between(date(2026, 3, 16), date(2026, 3, 13)) == 0
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1


@pytest.mark.django_db
def test_a_moved_day_off_in_the_table_is_not_worked():
    DayOverride.objects.create(date=date(2026, 1, 2), kind=DayOverrideKind.DAY_OFF, note="Nghỉ bù")
    loaded = WorkingCalendar.load()
    assert not loaded.is_working_day(date(2026, 1, 2))
    # Wednesday 31 Dec 2025 + 2: 1 Jan (holiday) and 2 Jan (moved) are skipped, then the weekend.
    assert loaded.add_working_days(date(2025, 12, 31), 2) == date(2026, 1, 6)


@pytest.mark.django_db
def test_a_make_up_saturday_in_the_table_is_worked():
    DayOverride.objects.create(date=date(2026, 1, 10), kind=DayOverrideKind.WORKING_DAY, note="Làm bù")
    loaded = WorkingCalendar.load()
    assert loaded.is_working_day(date(2026, 1, 10))
    assert loaded.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)


@pytest.mark.django_db
def test_the_table_can_give_back_a_day_the_package_calls_a_holiday():
    DayOverride.objects.create(date=date(2026, 11, 24), kind=DayOverrideKind.WORKING_DAY)
    assert WorkingCalendar.load().is_working_day(date(2026, 11, 24))

"""xaso.core.calendar.day_bounds: a date range read on the Vietnamese wall clock, half-open."""

from datetime import UTC, date, datetime

from xaso.core.calendar import LOCAL_TZ, day_bounds, day_start


def test_a_day_starts_at_local_midnight_which_is_17_00_utc_the_day_before():
    assert day_start(date(2026, 3, 5)) == datetime(2026, 3, 4, 17, 0, tzinfo=UTC)


def test_a_range_runs_from_the_first_days_midnight_to_the_midnight_after_the_last():
    since, until = day_bounds(date(2026, 3, 1), date(2026, 3, 31))
    assert since == datetime(2026, 3, 1, tzinfo=LOCAL_TZ)
    assert until == datetime(2026, 4, 1, tzinfo=LOCAL_TZ)


def test_one_day_alone_is_its_own_range():
    assert day_bounds(date(2026, 12, 31)) == (
        datetime(2026, 12, 31, tzinfo=LOCAL_TZ),
        datetime(2027, 1, 1, tzinfo=LOCAL_TZ),
    )


def test_the_last_instant_of_the_day_is_in_and_the_next_midnight_is_out():
    since, until = day_bounds(date(2026, 3, 5))
    late = datetime(2026, 3, 5, 23, 59, 59, 999999, tzinfo=LOCAL_TZ)
    assert since <= late < until
    assert not (datetime(2026, 3, 6, tzinfo=LOCAL_TZ) < until)

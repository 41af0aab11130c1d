"""Completeness: the births registered in a year, by village and month of registration, and
the share registered within the legal 60 days of the birth."""

from datetime import date, timedelta

import pytest

from tests import factories as f
from tests.civil.conftest import birth_data
from xaso.civil.selectors import completeness

pytestmark = pytest.mark.django_db


def _birth(register, village, registered_on, days_after_birth, name):
    born = registered_on - timedelta(days=days_after_birth)
    return register(data=birth_data(name=name, birth_date=born), registered_on=registered_on, village=village)


def test_births_on_time_by_village_and_month(register, specialist, commune, village):
    other = f.village(commune, "Thôn Quan Trung")
    _birth(register, village, date(2026, 1, 10), 5, "A Một")
    _birth(register, village, date(2026, 1, 20), 60, "A Hai")  # the 60th day is on time
    _birth(register, village, date(2026, 2, 10), 61, "A Ba")  # the 61st is late
    _birth(register, other, date(2026, 2, 11), 200, "B Một")
    _birth(register, None, date(2026, 3, 1), 1, "C Một")
    _birth(register, village, date(2025, 12, 1), 1, "Năm Trước")  # another year

    rows = {row.label: row for row in completeness(specialist, commune=commune, year=2026)}
    phuc_loc = rows["Thôn Phúc Lộc"]
    assert (phuc_loc.births, phuc_loc.on_time, phuc_loc.late, phuc_loc.share) == (3, 2, 1, 67)
    assert phuc_loc.months == {1: (2, 2), 2: (1, 0)}
    assert phuc_loc.month_cells[:3] == ["2/2", "0/1", ""]
    assert (rows["Thôn Quan Trung"].births, rows["Thôn Quan Trung"].share) == (1, 0)
    total = list(rows.values())[-1]
    assert (total.births, total.on_time, total.share) == (5, 3, 60)
    assert total.months == {1: (2, 2), 2: (2, 0), 3: (1, 1)}


def test_a_year_without_births_has_only_the_empty_total(specialist, commune):
    rows = completeness(specialist, commune=commune, year=2026)
    assert len(rows) == 1 and rows[0].births == 0 and rows[0].share is None


def test_another_communes_officer_sees_no_births_of_this_commune(register, village, other_officer, commune):
    _birth(register, village, date(2026, 1, 10), 5, "A Một")
    assert completeness(other_officer, commune=commune, year=2026)[-1].births == 0

"""The register is searched by a name typed without diacritics, a birth date or year, a
parent's name, a number, a kind and a year; each reader sees only their registers."""

from datetime import date

import pytest

from tests.civil.conftest import birth_data
from xaso.civil.models import EntryKind
from xaso.civil.selectors import entries_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(register, commune_leader, other_commune, system_admin):
    an = register()
    hoa = register(
        data=birth_data(
            name="Nguyễn Thị Hòa",
            birth_date=date(2025, 12, 30),
            mother_name="Đặng Thị Hương",
            father_name="Nguyễn Văn Tâm",
        )
    )
    death = register(
        kind=EntryKind.DEATH,
        data={"name": "Lê Văn Đức", "birth_date": date(1940, 5, 6), "event_date": date(2026, 3, 3)},
    )
    elsewhere = register(
        data=birth_data(name="Lê Minh Ân"), commune=other_commune, actor=system_admin, confirm_duplicates=True
    )
    return {"an": an, "hoa": hoa, "death": death, "elsewhere": elsewhere}


def _found(actor, **filters):
    return set(entries_search(actor, **filters).values_list("name", flat=True))


def test_a_name_typed_without_diacritics_finds_the_entry(entries, specialist):
    assert _found(specialist, q="nguyen thi hoa") == {"Nguyễn Thị Hòa"}
    assert _found(specialist, q="NGUYỄN hoa") == {"Nguyễn Thị Hòa"}
    assert _found(specialist, q="le duc") == {"Lê Văn Đức"}


def test_a_name_plus_a_birth_year_or_date(entries, specialist):
    assert _found(specialist, q="le", birth_year=2026) == {"Lê Minh An"}
    assert _found(specialist, q="le", birth_date=date(1940, 5, 6)) == {"Lê Văn Đức"}


def test_a_parents_name_without_diacritics(entries, specialist):
    assert _found(specialist, parent="dang thi huong") == {"Nguyễn Thị Hòa"}
    assert _found(specialist, parent="le van hung") == {"Lê Minh An"}


def test_by_number_kind_and_year(entries, specialist):
    assert _found(specialist, number=2, kind=EntryKind.BIRTH) == {"Nguyễn Thị Hòa"}
    assert _found(specialist, kind=EntryKind.DEATH) == {"Lê Văn Đức"}
    assert _found(specialist, year=2026) == {"Lê Minh An", "Nguyễn Thị Hòa", "Lê Văn Đức"}
    assert _found(specialist, year=2025) == set()


def test_each_reader_sees_only_their_registers(
    entries, specialist, other_officer, province_supervisor, other_province_supervisor, citizen
):
    assert _found(specialist, q="le minh") == {"Lê Minh An"}
    assert _found(other_officer, q="le minh") == {"Lê Minh Ân"}
    assert _found(province_supervisor, q="le minh") == {"Lê Minh An", "Lê Minh Ân"}
    assert _found(other_province_supervisor) == set()
    assert _found(citizen) == set()

"""An entry's number is the next of its book (one book per commune, kind and year), without
gaps or duplicates even when officers register at the same moment; a failed registration gives
its number back."""

from datetime import date

import pytest

from tests.civil.conftest import birth_data
from tests.support.race import race
from xaso.civil.models import EntryKind, RegisterBook, RegisterEntry
from xaso.core.errors import InvalidInput

pytestmark = pytest.mark.django_db


def test_entries_are_numbered_in_order_within_their_book(register):
    numbers = [register(data=birth_data(name=f"Lê Minh {n}")).number for n in "ABC"]
    assert numbers == [1, 2, 3]
    assert RegisterBook.objects.get().name == "01/2026"


def test_each_kind_year_and_commune_has_its_own_book(register, other_commune, system_admin):
    assert register().number == 1
    assert register(data=birth_data(name="Lê Văn Bình"), registered_on=date(2027, 1, 5)).number == 1
    death = {"name": "Lê Văn Cường", "event_date": date(2026, 3, 2)}
    assert register(kind=EntryKind.DEATH, data=death).number == 1
    assert (
        register(data=birth_data(), commune=other_commune, actor=system_admin, confirm_duplicates=True).number
        == 1
    )
    assert RegisterBook.objects.count() == 4


def test_a_refused_registration_gives_its_number_back(register):
    register()
    with pytest.raises(InvalidInput):
        register(data=birth_data(name="Lê Văn Dũng", birth_date=date(2026, 4, 1)))  # born after
    assert register(data=birth_data(name="Lê Văn Dũng")).number == 2


@pytest.mark.django_db(transaction=True)
def test_officers_registering_at_the_same_moment_get_distinct_gapless_numbers(register, catalogue):
    results = race(*(lambda i=i: register(data=birth_data(name=f"Nguyễn Văn Số {i}")) for i in range(8)))
    assert all(isinstance(r, RegisterEntry) for r in results), results
    assert sorted(r.number for r in results) == list(range(1, 9))
    assert RegisterBook.objects.get().last == 8

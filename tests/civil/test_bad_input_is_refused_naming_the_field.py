"""What the register refuses, naming the field: a birth after its registration, a death after
it or before the birth, a marriage of someone already married in the register, a person
without a name, an unknown kind; and who does not keep the register."""

from datetime import date

import pytest

from tests.civil.conftest import birth_data
from xaso.civil.models import EntryKind, RegisterEntry
from xaso.core.errors import Conflict, InvalidInput, NotAllowed

pytestmark = pytest.mark.django_db


def _marriage(husband="Nguyễn Văn Nam", wife="Lê Thị Hoa", **ids):
    return {
        "name": husband,
        "birth_date": date(1995, 5, 1),
        "other_name": wife,
        "other_birth_date": date(1997, 7, 2),
        "details": {
            "husband_personal_id": ids.get("h", "038095000111"),
            "wife_personal_id": ids.get("w", "038197000222"),
        },
    }


def _refused(register, error, field, **kwargs):
    with pytest.raises(error) as refused:
        register(**kwargs)
    assert refused.value.field == field, refused.value.message
    return refused.value


def test_a_birth_after_the_registration_date_is_refused(register):
    refusal = _refused(register, InvalidInput, "birth_date", data=birth_data(birth_date=date(2026, 3, 21)))
    assert "sinh" in str(refusal.message) or "birth" in str(refusal.message)
    assert not RegisterEntry.objects.exists()


def test_a_death_before_the_birth_is_refused(register):
    data = {"name": "Lê Văn Cường", "birth_date": date(1950, 1, 2), "event_date": date(1949, 12, 1)}
    _refused(register, InvalidInput, "event_date", kind=EntryKind.DEATH, data=data)


def test_a_death_after_the_registration_date_is_refused(register):
    data = {"name": "Lê Văn Cường", "event_date": date(2026, 3, 25)}
    _refused(register, InvalidInput, "event_date", kind=EntryKind.DEATH, data=data)


def test_a_marriage_of_a_husband_already_married_is_refused(register):
    register(kind=EntryKind.MARRIAGE, data=_marriage())
    again = _marriage(wife="Phạm Thị Thu", w="038198000333")
    _refused(register, Conflict, "name", kind=EntryKind.MARRIAGE, data=again)
    assert RegisterEntry.objects.count() == 1


def test_a_marriage_of_a_wife_already_married_is_found_by_her_name_and_birth_date(register):
    register(kind=EntryKind.MARRIAGE, data=_marriage())
    again = _marriage(husband="Trần Văn Long", h="038090000444", w="")  # no ID: name and birth date
    again["other_name"] = "Le Thi Hoa"  # typed without diacritics
    _refused(register, Conflict, "other_name", kind=EntryKind.MARRIAGE, data=again)


def test_a_widower_may_marry_again(register):
    register(kind=EntryKind.MARRIAGE, data=_marriage())
    death = {"name": "Lê Thị Hoa", "birth_date": date(1997, 7, 2), "event_date": date(2026, 1, 5)}
    register(kind=EntryKind.DEATH, data=death)
    again = _marriage(wife="Phạm Thị Thu", w="038198000333")
    assert register(kind=EntryKind.MARRIAGE, data=again).number == 2


def test_a_person_without_a_name_is_refused(register):
    _refused(register, InvalidInput, "name", data=birth_data(name="   "))


def test_an_unknown_kind_is_refused(register):
    _refused(register, InvalidInput, "kind", kind="adoption")


def test_a_date_that_is_not_a_date_is_refused(register):
    _refused(register, InvalidInput, "birth_date", data=birth_data(birth_date="31/02/2026"))


def test_who_does_not_keep_the_register_cannot_register(register, clerk, other_officer, province_supervisor):
    for actor in (clerk, other_officer, province_supervisor):
        with pytest.raises(NotAllowed):
            register(actor=actor)

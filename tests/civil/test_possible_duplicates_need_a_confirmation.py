"""A birth with the same child's name, birth date and mother as an entry, or a death with the
same name and birth date, is a possible duplicate: refused until an officer confirms it. At
approval the dossier waits for the confirmation given on the register's page."""

from datetime import date

import pytest

from tests.civil.conftest import birth_data
from xaso.civil.checks import PossibleDuplicate
from xaso.civil.models import DuplicateConfirmation, EntryKind, RegisterEntry
from xaso.civil.services.confirmations import duplicate_confirm
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.onestop.models import Dossier, Status
from xaso.onestop.services.lifecycle import dossier_act

pytestmark = pytest.mark.django_db


def test_the_same_child_name_birth_date_and_mother_is_a_possible_duplicate(register):
    first = register()
    with pytest.raises(PossibleDuplicate) as refused:
        register(data=birth_data(name="LE MINH AN", mother_name="Tran Thi Binh"))
    assert refused.value.field == "duplicate"
    assert refused.value.entries == [first]
    assert refused.value.problem()["duplicates"][0]["number"] == 1


def test_a_confirmed_duplicate_is_registered(register):
    register()
    assert register(confirm_duplicates=True).number == 2


def test_another_mother_or_birth_date_is_no_duplicate(register):
    register()
    assert register(data=birth_data(mother_name="Phạm Thị Thu")).number == 2
    assert register(data=birth_data(birth_date=date(2026, 3, 2))).number == 3


def test_a_death_with_the_same_name_and_birth_date_is_a_possible_duplicate(register):
    death = {"name": "Lê Văn Cường", "birth_date": date(1950, 1, 2), "event_date": date(2026, 3, 1)}
    register(kind=EntryKind.DEATH, data=death)
    with pytest.raises(PossibleDuplicate):
        register(kind=EntryKind.DEATH, data={**death, "event_date": date(2026, 3, 2)})


def test_approval_waits_for_the_officers_confirmation(register, file_birth, walk, specialist, commune_leader):
    register()
    dossier = walk(file_birth(), "propose")
    with pytest.raises(PossibleDuplicate) as refused:
        dossier_act(actor=commune_leader, dossier=dossier, action="approve")
    assert dossier.code in str(refused.value.message)
    assert Dossier.objects.get(pk=dossier.pk).status == Status.AWAITING_APPROVAL

    duplicate_confirm(actor=specialist, dossier=dossier, note="Trẻ sinh đôi")
    approved = dossier_act(actor=commune_leader, dossier=Dossier.objects.get(pk=dossier.pk), action="approve")
    assert approved.status == Status.APPROVED
    assert RegisterEntry.objects.get(dossier=dossier).number == 2


def test_a_look_alike_registered_after_the_confirmation_asks_again(
    register, file_birth, walk, specialist, commune_leader
):
    register()
    dossier = walk(file_birth(), "propose")
    duplicate_confirm(actor=specialist, dossier=dossier)
    register(confirm_duplicates=True)  # another look-alike enters the register meanwhile
    with pytest.raises(PossibleDuplicate):
        dossier_act(actor=commune_leader, dossier=dossier, action="approve")


def test_nothing_to_confirm_without_a_look_alike(file_birth, walk, specialist):
    dossier = walk(file_birth(), "propose")
    with pytest.raises(InvalidInput):
        duplicate_confirm(actor=specialist, dossier=dossier)
    assert not DuplicateConfirmation.objects.exists()


def test_only_who_keeps_the_register_confirms(register, file_birth, walk, clerk, other_officer):
    register()
    dossier = walk(file_birth(), "propose")
    for actor in (clerk, other_officer):
        with pytest.raises(NotAllowed):
            duplicate_confirm(actor=actor, dossier=dossier)

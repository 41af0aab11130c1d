"""The queue's search finds a dossier by its applicant's phone or personal ID number only for
those who see those numbers in full (the commune's staff who process dossiers); a province
supervisor or a clerk, who read them masked, must not learn who filed by typing a number.
Names and codes stay searchable, ignoring diacritics, for everyone who may see the dossier."""

from importlib import import_module

import pytest
from django.apps import apps

from tests.support.dossiers import BIRTH_DATA
from xaso.onestop.models import Dossier
from xaso.onestop.selectors import QueueFilters, queue_for

pytestmark = pytest.mark.django_db

PHONE, PERSONAL_ID = "0987654321", BIRTH_DATA["applicant_personal_id"]
TYPED_NUMBERS = [PHONE, "54321", "0987 654 321", "+84 987.654.321", PERSONAL_ID, "90000123"]


@pytest.fixture
def dossier(file_birth):
    return file_birth({**BIRTH_DATA, "applicant_phone": PHONE})


def found(actor, q: str) -> list[str]:
    return list(queue_for(actor, QueueFilters(tab="", q=q)).values_list("code", flat=True))


@pytest.mark.parametrize("typed", TYPED_NUMBERS)
def test_the_commune_officer_finds_the_dossier_by_a_personal_number(dossier, one_stop_officer, typed):
    assert found(one_stop_officer, typed) == [dossier.code]


@pytest.mark.parametrize("role", ["province_supervisor", "clerk"])
@pytest.mark.parametrize("typed", TYPED_NUMBERS)
def test_a_reader_who_sees_numbers_masked_finds_nothing_by_them(request, dossier, role, typed):
    assert found(request.getfixturevalue(role), typed) == []


@pytest.mark.parametrize("role", ["province_supervisor", "clerk", "one_stop_officer"])
def test_names_and_codes_stay_searchable_for_every_reader(request, dossier, role):
    actor = request.getfixturevalue(role)
    assert found(actor, "TRAN THI BINH") == [dossier.code]
    assert found(actor, "Trần Thị Bình") == [dossier.code]
    assert found(actor, dossier.code) == [dossier.code]


def test_the_numbers_are_kept_apart_from_the_text_everyone_searches(dossier):
    assert PHONE not in dossier.search_text and PERSONAL_ID not in dossier.search_text
    assert dossier.search_numbers.split() == [PHONE, PERSONAL_ID]


def test_the_supervisors_queue_page_finds_nothing_by_phone(
    login, dossier, province_supervisor, one_stop_officer
):
    search = {"q": PHONE, "tab": "new"}
    assert dossier.code not in login(province_supervisor).get("/mot-cua/ho-so/", search).text
    assert dossier.code in login(one_stop_officer).get("/mot-cua/ho-so/", search).text


def test_an_officer_of_another_commune_finds_nothing(dossier, other_officer):
    assert found(other_officer, PHONE) == []


def test_the_migration_moves_the_numbers_of_dossiers_filed_before(
    dossier, one_stop_officer, province_supervisor
):
    backfill = import_module("xaso.onestop.migrations.0009_dossier_search_numbers").backfill
    old_text = f"{dossier.search_text} {PHONE}"
    Dossier.objects.filter(pk=dossier.pk).update(search_text=old_text, search_numbers="")
    backfill(apps, None)
    moved = Dossier.objects.get(pk=dossier.pk)
    assert moved.search_text == dossier.search_text
    assert moved.search_numbers.split() == [PHONE, PERSONAL_ID]
    assert found(one_stop_officer, PERSONAL_ID) == [dossier.code]
    assert found(province_supervisor, PHONE) == []

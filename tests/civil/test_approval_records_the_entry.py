"""An approved civil-status dossier records its entry in the register, in the approval's
transaction, and the result paper learns the entry's number, book and date from it."""

import pytest

from tests.support.dossiers import MARITAL_DATA
from xaso.civil.models import EntryKind, RegisterEntry
from xaso.core.calendar import local_today
from xaso.onestop.hooks import register_mark_for
from xaso.onestop.models import Procedure
from xaso.onestop.services.filing import dossier_submit

pytestmark = pytest.mark.django_db


def test_approving_a_birth_records_the_child_in_the_birth_book(file_birth, walk, village):
    dossier = walk(file_birth(), "approve")
    entry = RegisterEntry.objects.get(dossier=dossier)
    assert entry.kind == EntryKind.BIRTH
    assert (entry.number, entry.book.name) == (1, f"01/{local_today().year}")
    assert entry.name == "Lê Minh An" and entry.name_folded == "le minh an"
    assert entry.mother_name == "Trần Thị Bình" and entry.mother_folded == "tran thi binh"
    assert str(entry.birth_date) == "2026-03-01" and entry.sex == "M"
    # Choices are kept by their label, as the papers print them.
    assert entry.details["declarant_relationship"] == "Mẹ"
    assert entry.registered_on == local_today()


def test_the_result_paper_gets_the_entrys_mark(file_birth, walk):
    dossier = walk(file_birth(), "approve")
    mark = register_mark_for(dossier)
    entry = RegisterEntry.objects.get(dossier=dossier)
    assert (mark.number, mark.book, mark.registered_on, mark.entry_id) == (
        "1",
        entry.book.name,
        entry.registered_on,
        entry.pk,
    )


def test_a_dossier_before_approval_has_no_entry_and_no_mark(file_birth, walk):
    dossier = walk(file_birth(), "propose")
    assert not RegisterEntry.objects.exists()
    assert register_mark_for(dossier) is None


def test_a_procedure_that_registers_nothing_records_no_entry(citizen, commune, walk):
    marital = Procedure.objects.get(code="xac-nhan-tinh-trang-hon-nhan")
    dossier = dossier_submit(actor=citizen, procedure=marital, commune=commune, data=dict(MARITAL_DATA))
    walk(dossier, "approve")
    assert not RegisterEntry.objects.exists()


def test_two_births_take_the_next_numbers_of_the_same_book(file_birth, walk):
    first = walk(file_birth(), "approve")
    second = walk(file_birth(child_name="Lê Minh Châu", child_sex="F"), "approve")
    numbers = [RegisterEntry.objects.get(dossier=d).number for d in (first, second)]
    assert numbers == [1, 2]

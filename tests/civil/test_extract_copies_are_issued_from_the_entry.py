"""An extract copy (procedure 2.000635) is a new paper issued from a register entry: the
approval links the dossier to the one entry it names (refused, naming the field, when none or
several of the commune's entries match); the paper prints the entry's CURRENT data on its
kind's form, marked "BẢN SAO", with the entry's Số and Quyển số and a note of the later
corrections; each copy is issued under a new number of the outgoing book; copies are paid per
copy."""

from datetime import date

import pytest

from tests.civil.conftest import REGISTERED_ON, birth_data
from tests.support.signing import PASSPHRASE, pdftext
from xaso.civil.models import EntryExtract, EntryKind
from xaso.civil.services.entries import entry_amend, entry_record
from xaso.core.errors import InvalidInput
from xaso.onestop.issuance import dossier_result_issue, issuance_of
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.results import dossier_result_sign
from xaso.onestop.services.filing import dossier_submit

pytestmark = pytest.mark.django_db

DECISION = "Quyết định số 12/QĐ-UBND ngày 05/04/2026"
ASKED = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912000001",
    "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
    "record_kind": "khai_sinh",
    "person_name": "le minh an",  # typed without diacritics
    "copies": 2,
}


@pytest.fixture
def file_extract(citizen, commune):
    def _file(commune=commune, **changes):
        procedure = Procedure.objects.get(national_code="2.000635")
        return dossier_submit(actor=citizen, procedure=procedure, commune=commune, data={**ASKED, **changes})

    return _file


@pytest.fixture
def issue(commune_leader, clerk, leader_credential, seal_credential, tmp_path):
    """Sign and issue an approved dossier's result; returns the issued PDF's text."""

    def _issue(dossier):
        doc = dossier_result_sign(
            actor=commune_leader, dossier=dossier, credential_id=leader_credential.pk, secret=PASSPHRASE
        )
        doc = dossier_result_issue(actor=clerk, dossier=dossier, secret=PASSPHRASE)
        with doc.file.open("rb") as fh:
            return " ".join(pdftext(fh.read(), tmp_path).split())

    return _issue


def test_the_copy_of_a_corrected_entry_prints_its_current_data_and_the_correction(
    register, specialist, file_extract, walk, issue
):
    entry = register()
    entry_amend(
        actor=specialist,
        entry=entry,
        changes={"name": "Lê Minh Anh"},
        reason="Cải chính theo giấy chứng sinh",
        decision=DECISION,
    )
    dossier = walk(file_extract(person_name="Le Minh Anh"), "approve")
    assert EntryExtract.objects.get(dossier=dossier).entry == entry

    text = issue(dossier)
    assert "TRÍCH LỤC KHAI SINH" in text and "(BẢN SAO)" in text
    assert "LÊ MINH ANH" in text and "LÊ MINH AN " not in text
    assert f"Số: {entry.number}" in text and f"Quyển số: {entry.book.name}" in text
    # The entry's data, not the extract dossier's answers.
    assert "01/03/2026" in text and "Trạm y tế xã Yên Định" in text
    assert "Trần Thị Bình" in text and "Lê Văn Hùng" in text and "Nam" in text
    assert "Ngày đăng ký" in text or "20/03/2026" in text
    assert "“Lê Minh An” thành “Lê Minh Anh”" in text and DECISION in text
    assert ASKED["applicant_phone"] not in text


def test_an_entry_never_corrected_says_so(register, file_extract, walk, issue):
    register()
    text = issue(walk(file_extract(), "approve"))
    assert "Ghi chú những thay đổi, cải chính sau khi đăng ký: Không có." in text


def test_two_copies_get_two_new_issuance_numbers_not_the_entrys(register, file_extract, walk, issue):
    entry = register()
    first, second = (walk(file_extract(), "approve") for _ in range(2))
    issue(first)
    issue(second)
    numbers = [issuance_of(d).number for d in (first, second)]
    assert numbers == ["01/GXN-UBND", "02/GXN-UBND"]
    assert str(entry.number) not in numbers
    assert list(entry.extracts.order_by("pk").values_list("dossier", flat=True)) == [first.pk, second.pk]


def test_the_copies_are_paid_per_copy(account, file_extract):
    dossier = Dossier.objects.get(pk=file_extract(copies=3).pk)
    assert dossier.fee == 24_000 and dossier.fee_request.amount == 24_000


def test_a_dossier_naming_no_entry_is_refused_on_approval(register, file_extract, walk):
    register()
    dossier = file_extract(person_name="Nguyễn Văn Không")
    with pytest.raises(InvalidInput) as refused:
        walk(dossier, "approve")
    assert refused.value.field == "person_name"
    assert not EntryExtract.objects.exists()
    assert Dossier.objects.get(pk=dossier.pk).status != "approved"


def test_another_communes_entry_is_not_found(file_extract, walk, other_commune, specialist):
    entry_record(  # the same person, registered in the neighbouring commune only
        actor=specialist,
        commune=other_commune,
        kind=EntryKind.BIRTH,
        data=birth_data(),
        registered_on=REGISTERED_ON,
    )
    with pytest.raises(InvalidInput) as refused:
        walk(file_extract(), "approve")
    assert refused.value.field == "person_name"


def test_several_matches_ask_for_the_birth_date(register, file_extract, walk):
    register()
    twin = register(data={"name": "Lê Minh An", "birth_date": date(2026, 3, 5), "sex": "M"})
    with pytest.raises(InvalidInput) as refused:
        walk(file_extract(), "approve")
    assert refused.value.field == "person_birth_date"
    dossier = walk(file_extract(person_birth_date="2026-03-05"), "approve")
    assert EntryExtract.objects.get(dossier=dossier).entry == twin


def test_the_entrys_number_and_year_pick_it(register, file_extract, walk):
    register()
    second = register(confirm_duplicates=True)
    dossier = walk(file_extract(entry_number=second.number, entry_year=second.book.year), "approve")
    assert EntryExtract.objects.get(dossier=dossier).entry == second

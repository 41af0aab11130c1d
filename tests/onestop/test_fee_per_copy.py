"""A fee per copy (extract copies of civil-status records: 8.000 đồng a copy): the dossier pays
the fee times the copies asked for, counted in one place (fees.copies_of); a linked group's one
request still covers every fee of the chain; the pages show the sum."""

from datetime import date

import pytest

from xaso.civil.models import EntryKind
from xaso.civil.services.entries import entry_record
from xaso.core.errors import InvalidInput
from xaso.onestop.fees import MAX_COPIES, copies_of, dossier_fee
from xaso.onestop.models import Dossier, Procedure, Status
from xaso.onestop.services.filing import dossier_draft_save, dossier_submit
from xaso.onestop.services.lifecycle import dossier_act
from xaso.payments.models import PaymentRequest, RequestStatus

pytestmark = pytest.mark.django_db

EXTRACT_DATA = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912000001",
    "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
    "record_kind": "khai_sinh",
    "person_name": "Lê Minh An",
}


@pytest.fixture
def extract(db):
    return Procedure.objects.get(code="trich-luc-ho-tich")


@pytest.fixture
def file_extract(citizen, commune, extract):
    def _file(copies):
        return dossier_submit(
            actor=citizen, procedure=extract, commune=commune, data={**EXTRACT_DATA, "copies": copies}
        )

    return _file


def test_the_shipped_catalogue_charges_extract_copies_per_copy(extract):
    assert extract.fee_per_copy and extract.fee == 8_000
    assert not Procedure.objects.get(code="xac-nhan-tinh-trang-hon-nhan").fee_per_copy


def test_three_copies_cost_three_fees_on_the_request_and_the_page(account, file_extract, login, citizen):
    dossier = Dossier.objects.get(pk=file_extract(3).pk)
    assert dossier.fee == 24_000 and dossier.fee_request.amount == 24_000
    page = login(citizen).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "3 bản × 8.000 đồng = 24.000 đồng" in page


def test_a_single_copy_costs_the_fee_once(account, file_extract):
    assert Dossier.objects.get(pk=file_extract(1).pk).fee_request.amount == 8_000


@pytest.mark.parametrize("copies", [0, -2, 21, 1000, "ba"])
def test_a_count_out_of_range_is_refused_and_nothing_is_asked(copies, account, file_extract):
    with pytest.raises(InvalidInput) as refused:
        file_extract(copies)
    assert refused.value.field == "copies"
    assert not PaymentRequest.objects.exists() and not Dossier.objects.exclude(status=Status.DRAFT).exists()


def test_the_count_is_bounded_even_when_the_form_sets_no_maximum(extract):
    extract.form = [dict(f, max=None) if f["name"] == "copies" else f for f in extract.form]
    assert copies_of(extract, {"copies": MAX_COPIES}) == MAX_COPIES
    with pytest.raises(InvalidInput):
        copies_of(extract, {"copies": MAX_COPIES + 1})
    assert dossier_fee(extract, {}) == 8_000  # a follow-on whose form does not carry it: one copy


def test_a_linked_group_pays_the_copies_and_the_follow_on_with_one_request(
    account, file_extract, one_stop_officer, specialist, commune_leader, pay, commune
):
    Procedure.objects.filter(code="trich-luc-ho-tich").update(follow_ons=["xac-nhan-tinh-trang-hon-nhan"])
    # The approval finds the entry the extract copies (xaso.civil.extracts): it is in the register.
    entry_record(
        actor=specialist,
        commune=commune,
        kind=EntryKind.BIRTH,
        data={"name": EXTRACT_DATA["person_name"], "birth_date": date(2026, 3, 1), "sex": "M"},
        registered_on=date(2026, 3, 20),
    )
    root = Dossier.objects.get(pk=file_extract(3).pk)
    request = root.fee_request
    assert (root.fee, request.amount) == (24_000, 24_000 + 15_000)
    root = dossier_act(actor=one_stop_officer, dossier=root, action="receive")
    root = dossier_act(actor=one_stop_officer, dossier=root, action="assign", assignee=specialist)
    root = dossier_act(actor=specialist, dossier=root, action="start")
    root = dossier_act(actor=specialist, dossier=root, action="propose")
    root = dossier_act(actor=commune_leader, dossier=root, action="approve")
    follow_on = Dossier.objects.get(parent=root)
    assert (follow_on.fee, follow_on.fee_request_id) == (15_000, request.pk)
    assert sum(Dossier.objects.filter(group=root.group).values_list("fee", flat=True)) == request.amount
    pay(request, 39_000)
    assert PaymentRequest.objects.get(pk=request.pk).status == RequestStatus.PAID
    assert not Dossier.objects.filter(group=root.group, fee_paid_at__isnull=True).exists()


def test_the_procedure_page_and_the_review_step_say_the_fee_is_per_copy(login, citizen, commune, extract):
    client = login(citizen)
    assert "8.000 đ mỗi bản" in client.get(f"/thu-tuc/{extract.code}/").content.decode()
    draft = dossier_draft_save(
        actor=citizen, procedure=extract, commune=commune, data={**EXTRACT_DATA, "copies": 2}
    )
    review = client.get(f"/ho-so/nhap/{draft.pk}/3/").content.decode()  # who files, the rest, review
    assert "2 bản × 8.000 đồng = 16.000 đồng" in review


def test_the_api_says_the_fee_is_per_copy_and_how_many_copies_it_counts(
    account, file_extract, login, citizen
):
    dossier = file_extract(4)
    client = login(citizen)
    assert client.get("/api/v1/procedures/trich-luc-ho-tich").json()["fee_per_copy"] is True
    fee = client.get(f"/api/v1/dossiers/{dossier.code}").json()["fee"]
    assert (fee["amount"], fee["copies"], fee["paid_by"]) == (32_000, 4, None)

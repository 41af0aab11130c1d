"""Dossier fees through xaso.payments: a request when the dossier leaves the draft state, one
request for a linked group, none for a free or exempt procedure; the bank statement marks the
dossiers paid (once), a part payment leaves them unpaid, and an unpaid fee holds the result."""

import pytest

from tests.support.dossiers import BIRTH_DATA, MARITAL_DATA
from xaso.core.errors import Conflict
from xaso.core.models import AuditEvent
from xaso.notify.models import Notification
from xaso.onestop.fees import FEE_KIND, NOTE_ROOM, fee_summary, note_for
from xaso.onestop.models import Dossier, Procedure, Status
from xaso.onestop.services.counter import counter_profile_create, dossier_receive_at_counter
from xaso.onestop.services.lifecycle import dossier_act
from xaso.payments.models import PaymentRequest, RequestStatus
from xaso.payments.references import references_in
from xaso.payments.services import payment_request_cancel
from xaso.payments.vietqr import NOTE_MAX, vietqr_parse

pytestmark = pytest.mark.django_db


def test_a_dossier_with_a_fee_asks_for_it_with_the_code_in_the_note(account, file_marital, citizen):
    dossier = Dossier.objects.get(pk=file_marital().pk)
    request = dossier.fee_request
    assert dossier.fee == 15_000
    assert (request.amount, request.kind, request.subject_id) == (15_000, FEE_KIND, str(dossier.pk))
    assert request.account == account and request.payer == citizen
    assert request.note.startswith(request.reference + " ")
    assert len(request.note) <= NOTE_MAX
    day, sequence = dossier.code.split("-")[1:]
    assert request.note.endswith(f"{day} {sequence}")
    assert references_in(request.note) == [request.reference]
    payload = vietqr_parse(request.payload)
    assert (payload.amount, payload.note) == (15_000, request.note)


def test_a_dossier_received_at_the_counter_asks_for_its_fee_too(account, one_stop_officer, commune, marital):
    profile = counter_profile_create(actor=one_stop_officer, commune=commune, full_name="Phạm Văn Dũng")
    dossier = dossier_receive_at_counter(
        actor=one_stop_officer,
        procedure=marital,
        papers_seen=marital.papers,
        commune=commune,
        profile=profile,
        data=dict(MARITAL_DATA),
    )
    dossier.refresh_from_db()
    assert dossier.fee_request.amount == 15_000
    assert dossier.fee_request.payer_name == "Trần Thị Bình"


def test_a_free_or_exempt_procedure_asks_for_nothing(account, file_birth):
    dossier = Dossier.objects.get(pk=file_birth().pk)
    assert dossier.fee == 0 and dossier.fee_request is None
    assert not PaymentRequest.objects.exists()
    assert fee_summary(dossier)["state"] == "free"


def test_without_a_collection_account_the_dossier_is_filed_and_says_so(file_marital):
    dossier = Dossier.objects.get(pk=file_marital().pk)
    assert dossier.status == Status.SUBMITTED
    assert dossier.fee == 15_000 and dossier.fee_request is None
    assert fee_summary(dossier)["state"] == "no_account"


def test_the_statement_marks_the_dossier_paid_once_and_tells_the_citizen(account, file_marital, pay, citizen):
    dossier = file_marital()
    request = Dossier.objects.get(pk=dossier.pk).fee_request
    pay(request, 15_000)
    dossier.refresh_from_db()
    paid_at = dossier.fee_paid_at
    assert paid_at is not None
    assert dossier.events.filter(action="fee_paid").count() == 1
    assert AuditEvent.objects.filter(action="dossier.fee_paid", target_id=str(dossier.pk)).count() == 1
    assert Notification.objects.filter(recipient=citizen, ref=f"dossier-fee:{dossier.code}").count() == 1

    again = pay(request, 15_000, name="saoke-lan-2.csv")  # the same statement, imported again
    assert (again.lines_new, again.lines_known) == (0, 1)
    dossier.refresh_from_db()
    assert dossier.fee_paid_at == paid_at
    assert dossier.events.filter(action="fee_paid").count() == 1
    assert fee_summary(dossier)["state"] == "paid"


def test_a_part_payment_leaves_the_fee_unpaid_and_the_result_waits(
    account, file_marital, pay, walk, one_stop_officer
):
    dossier = file_marital()
    request = Dossier.objects.get(pk=dossier.pk).fee_request
    pay(request, 10_000)
    dossier = walk(Dossier.objects.get(pk=dossier.pk), "result_ready")
    assert dossier.fee_paid_at is None
    assert PaymentRequest.objects.get(pk=request.pk).status == RequestStatus.PARTIAL
    with pytest.raises(Conflict) as refused:
        dossier_act(actor=one_stop_officer, dossier=dossier, action="deliver")
    said = str(refused.value.message).lower()
    assert "fee has not been paid" in said or "lệ phí chưa được nộp" in said  # English or Vietnamese
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RESULT_READY
    pay(request, 5_000, txn="FT2")
    dossier = dossier_act(
        actor=one_stop_officer, dossier=Dossier.objects.get(pk=dossier.pk), action="deliver"
    )
    assert dossier.status == Status.DELIVERED and dossier.fee_paid_at is not None


def test_a_request_the_cashier_cancelled_no_longer_holds_the_result(
    account, file_marital, walk, one_stop_officer
):
    dossier = file_marital()
    payment_request_cancel(actor=one_stop_officer, request=Dossier.objects.get(pk=dossier.pk).fee_request)
    dossier = walk(Dossier.objects.get(pk=dossier.pk), "deliver")
    assert dossier.status == Status.DELIVERED
    assert fee_summary(dossier)["state"] == "cancelled"


def test_a_linked_group_pays_its_total_with_one_request(
    account, file_birth, pay, one_stop_officer, specialist, commune_leader
):
    Procedure.objects.filter(code="dang-ky-thuong-tru-tre-em").update(fee=15_000)
    Procedure.objects.filter(code="cap-the-bhyt-tre-em").update(fee=10_000)
    birth = Dossier.objects.get(pk=file_birth(data=dict(BIRTH_DATA)).pk)
    request = birth.fee_request
    assert request.amount == 25_000 and birth.fee == 0
    assert PaymentRequest.objects.count() == 1

    def approve(d):
        if d.status == Status.SUBMITTED:
            d = dossier_act(actor=one_stop_officer, dossier=d, action="receive")
        d = dossier_act(actor=one_stop_officer, dossier=d, action="assign", assignee=specialist)
        d = dossier_act(actor=specialist, dossier=d, action="start")
        d = dossier_act(actor=specialist, dossier=d, action="propose")
        return dossier_act(actor=commune_leader, dossier=d, action="approve")

    residence = Dossier.objects.get(parent=approve(birth))
    assert residence.fee == 15_000 and residence.fee_request == request
    assert fee_summary(residence)["shared"]
    pay(request, 25_000)
    assert PaymentRequest.objects.count() == 1
    assert set(Dossier.objects.filter(group=residence.group).values_list("fee_paid_at", flat=True)) != {None}
    assert not Dossier.objects.filter(group=residence.group, fee_paid_at__isnull=True).exists()

    card = Dossier.objects.get(parent=approve(Dossier.objects.get(pk=residence.pk)))
    assert card.fee == 10_000 and card.fee_request == request and card.fee_paid_at is not None


@pytest.mark.parametrize(
    "code", ["15469-261201-0001", "15469-261201-12345", "26734-270101-0042", "00001-261231-9999"]
)
def test_the_note_keeps_as_much_of_the_code_as_the_bank_keeps(code):
    note = note_for(code)
    assert len(note) <= NOTE_ROOM
    day, sequence = code.split("-")[1:]
    assert note.replace(" ", "").endswith(day + sequence)


def test_the_api_gives_the_fee_with_the_vietqr_payload_while_it_is_payable(
    login, citizen, account, file_marital, pay
):
    dossier = Dossier.objects.get(pk=file_marital().pk)
    client = login(citizen)
    fee = client.get(f"/api/v1/dossiers/{dossier.code}").json()["fee"]
    assert fee["state"] == "unpaid" and fee["amount"] == 15_000
    assert fee["payment_code"] == dossier.fee_request.reference
    assert vietqr_parse(fee["vietqr"]).note == fee["transfer_note"] == dossier.fee_request.note
    pay(dossier.fee_request, 15_000)
    fee = client.get(f"/api/v1/dossiers/{dossier.code}").json()["fee"]
    assert fee["state"] == "paid" and fee["paid_at"] and fee["vietqr"] is None


@pytest.mark.parametrize("how", ["withdraw", "reject"])
def test_a_dossier_stopped_before_payment_withdraws_its_request(
    how, account, file_marital, citizen, one_stop_officer, login
):
    dossier = file_marital()
    actor, note = (citizen, "Nộp nhầm") if how == "withdraw" else (one_stop_officer, "Không đủ điều kiện")
    dossier = dossier_act(actor=actor, dossier=dossier, action=how, note=note)
    request = PaymentRequest.objects.get(pk=dossier.fee_request_id)
    assert request.status == RequestStatus.CANCELLED
    assert fee_summary(Dossier.objects.get(pk=dossier.pk))["state"] == "stopped"
    page = login(citizen).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "le-phi/qr.png" not in page and "Không phải nộp lệ phí: hồ sơ đã dừng" in page


def test_money_already_received_is_left_for_the_cashier_when_the_dossier_stops(
    account, file_marital, citizen, pay
):
    dossier = file_marital()
    request = Dossier.objects.get(pk=dossier.pk).fee_request
    pay(request, 5_000)
    dossier_act(actor=citizen, dossier=dossier, action="withdraw", note="Nộp nhầm")
    assert PaymentRequest.objects.get(pk=request.pk).status == RequestStatus.PARTIAL

"""Cash at the counter: the cashier of the request's commune settles it with exactly what is due;
the owning app hears of it as of a transfer, once; a bank credit and a cash payment cannot both
settle one request."""

import pytest

from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.models import AuditEvent
from xaso.payments.handlers import register_paid_handler, unregister_paid_handler
from xaso.payments.models import LineOutcome, PaymentMethod, PaymentRequest, RequestStatus, StatementLine
from xaso.payments.services import payment_request_cancel, payment_request_pay_cash, statement_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def told():
    """Requests the test.fee handler heard of, in order."""
    heard = []
    register_paid_handler("test.fee", lambda request: heard.append((request.pk, request.method)))
    yield heard
    unregister_paid_handler("test.fee")


@pytest.fixture
def import_credit(one_stop_officer, account, statement):
    def _import(request, amount, txn="FT1"):
        return statement_import(
            actor=one_stop_officer,
            account=account,
            filename=f"{txn}.csv",
            content=statement([(txn, "01/12/2026", str(amount), f"IBFT {request.reference}")]),
        )

    return _import


def test_a_cashier_settles_a_request_in_cash_and_its_app_is_told_once(make_request, one_stop_officer, told):
    request = make_request(amount=16_000)
    paid = payment_request_pay_cash(
        actor=one_stop_officer, request=request, amount="16.000", receipt_number=" 0000123 "
    )
    assert (paid.status, paid.amount_received, paid.method) == (
        RequestStatus.PAID,
        16_000,
        PaymentMethod.CASH,
    )
    stored = PaymentRequest.objects.get(pk=request.pk)
    assert stored.receipt_number == "0000123" and stored.cashier == one_stop_officer
    assert stored.paid_at is not None
    assert told == [(request.pk, PaymentMethod.CASH)]
    event = AuditEvent.objects.get(action="payment_request.pay_cash")
    assert event.target_id == str(request.pk) and event.changes["amount"] == 16_000


@pytest.mark.parametrize("amount", [15_999, 16_001, "0", "-16000", "mười sáu nghìn", ""])
def test_an_amount_other_than_what_is_due_is_refused_and_nothing_changes(
    amount, make_request, one_stop_officer, told
):
    request = make_request(amount=16_000)
    with pytest.raises(InvalidInput) as refused:
        payment_request_pay_cash(actor=one_stop_officer, request=request, amount=amount)
    assert refused.value.field == "amount"
    stored = PaymentRequest.objects.get(pk=request.pk)
    assert (stored.status, stored.amount_received, stored.method) == (RequestStatus.OPEN, 0, "transfer")
    assert told == [] and not AuditEvent.objects.filter(action="payment_request.pay_cash").exists()


def test_what_is_left_of_a_part_payment_can_be_paid_in_cash(
    make_request, one_stop_officer, import_credit, told
):
    request = make_request(amount=16_000)
    import_credit(request, 6_000)
    with pytest.raises(InvalidInput):
        payment_request_pay_cash(actor=one_stop_officer, request=request, amount=16_000)
    paid = payment_request_pay_cash(actor=one_stop_officer, request=request, amount=10_000)
    assert (paid.status, paid.amount_received) == (RequestStatus.PAID, 16_000)
    assert told == [(request.pk, PaymentMethod.CASH)]


@pytest.mark.parametrize("who", ["specialist", "clerk", "citizen", "other_commune"])
def test_only_a_cashier_of_the_requests_commune_takes_cash(
    who, make_request, specialist, clerk, citizen, other_officer, told
):
    actor = {
        "specialist": specialist,
        "clerk": clerk,
        "citizen": citizen,
        "other_commune": other_officer,
    }[who]
    request = make_request(amount=16_000)
    with pytest.raises(NotAllowed):
        payment_request_pay_cash(actor=actor, request=request, amount=16_000)
    assert PaymentRequest.objects.get(pk=request.pk).status == RequestStatus.OPEN and told == []


def test_cash_after_the_bank_settled_it_is_refused(make_request, one_stop_officer, import_credit, told):
    request = make_request(amount=16_000)
    import_credit(request, 16_000)
    with pytest.raises(Conflict):
        payment_request_pay_cash(actor=one_stop_officer, request=request, amount=16_000)
    stored = PaymentRequest.objects.get(pk=request.pk)
    assert (stored.amount_received, stored.method) == (16_000, PaymentMethod.TRANSFER)
    assert told == [(request.pk, PaymentMethod.TRANSFER)]


def test_a_transfer_after_cash_is_listed_for_a_refund_not_settled_again(
    make_request, one_stop_officer, import_credit, told
):
    request = make_request(amount=16_000)
    payment_request_pay_cash(actor=one_stop_officer, request=request, amount=16_000)
    import_credit(request, 16_000)
    stored = PaymentRequest.objects.get(pk=request.pk)
    assert (stored.status, stored.amount_received, stored.method) == (RequestStatus.PAID, 16_000, "cash")
    assert StatementLine.objects.get().outcome == LineOutcome.AFTER_SETTLED
    assert told == [(request.pk, PaymentMethod.CASH)]


def test_a_cancelled_request_cannot_be_paid_in_cash(make_request, one_stop_officer):
    request = make_request(amount=16_000)
    payment_request_cancel(actor=one_stop_officer, request=request)
    with pytest.raises(Conflict):
        payment_request_pay_cash(actor=one_stop_officer, request=request, amount=16_000)

"""A cash payment and a statement import settling the same request at the same moment: the row
lock lets one win; the owning app is told once and the other finds the request settled."""

import pytest

from tests.support.race import race
from xaso.core.errors import Conflict
from xaso.payments.handlers import register_paid_handler, unregister_paid_handler
from xaso.payments.models import BankStatement, LineOutcome, PaymentRequest, RequestStatus, StatementLine
from xaso.payments.services import payment_request_pay_cash, statement_import

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(3))
def test_cash_and_a_transfer_at_once_settle_the_request_once(
    attempt, make_request, one_stop_officer, commune_leader, account, statement
):
    told = []
    register_paid_handler("test.fee", lambda request: told.append(request.method))
    try:
        request = make_request(amount=16_000)
        content = statement([("FT9", "01/12/2026", "16000", f"IBFT {request.reference}")])
        results = race(
            lambda: payment_request_pay_cash(actor=commune_leader, request=request, amount=16_000),
            lambda: statement_import(
                actor=one_stop_officer, account=account, filename="s.csv", content=content
            ),
        )
    finally:
        unregister_paid_handler("test.fee")
    cash, bank = results
    assert isinstance(bank, BankStatement), bank
    line = StatementLine.objects.get()
    stored = PaymentRequest.objects.get(pk=request.pk)
    assert stored.status == RequestStatus.PAID and stored.amount_received == 16_000
    if isinstance(cash, Conflict):  # the transfer came first
        assert (stored.method, line.outcome, told) == ("transfer", LineOutcome.EXACT, ["transfer"])
    else:
        assert isinstance(cash, PaymentRequest), cash
        assert (stored.method, line.outcome, told) == ("cash", LineOutcome.AFTER_SETTLED, ["cash"])

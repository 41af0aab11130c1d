"""Cashiers recording cash at the same moment: the commune's receipt numbers come out without
gaps or duplicates, and one typed number is taken by one payment only (SQLite and PostgreSQL)."""

import pytest

from tests.support.race import race
from xaso.core.calendar import local_today
from xaso.core.errors import InvalidInput
from xaso.payments.models import PaymentRequest, ReceiptCounter
from xaso.payments.services import payment_request_pay_cash

pytestmark = pytest.mark.django_db(transaction=True)


def test_numbers_given_at_once_are_unique_and_without_gaps(make_request, one_stop_officer, commune_leader):
    n = 6
    requests = [make_request(amount=8_000, subject_id=str(i)) for i in range(n)]
    cashiers = [one_stop_officer, commune_leader]
    results = race(
        *[
            lambda r=r, c=cashiers[i % 2]: payment_request_pay_cash(actor=c, request=r, amount=8_000)
            for i, r in enumerate(requests)
        ]
    )
    assert all(isinstance(r, PaymentRequest) for r in results), results
    year = local_today().year
    numbers = sorted(r.receipt_number for r in results)
    assert numbers == [f"BL-15469-{year}-{k:06d}" for k in range(1, n + 1)]
    assert ReceiptCounter.objects.get(commune_id="15469", year=year).last == n


def test_one_typed_number_at_once_goes_to_one_payment(make_request, one_stop_officer, commune_leader):
    first, second = make_request(amount=8_000, subject_id="1"), make_request(amount=8_000, subject_id="2")
    results = race(
        lambda: payment_request_pay_cash(
            actor=one_stop_officer, request=first, amount=8_000, receipt_number="9"
        ),
        lambda: payment_request_pay_cash(
            actor=commune_leader, request=second, amount=8_000, receipt_number="9"
        ),
    )
    assert sum(isinstance(r, PaymentRequest) for r in results) == 1
    refused = [r for r in results if isinstance(r, InvalidInput)]
    assert len(refused) == 1 and refused[0].field == "receipt_number"
    assert PaymentRequest.objects.filter(receipt_number="9").count() == 1

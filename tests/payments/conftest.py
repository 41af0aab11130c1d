"""Payments fixtures: another commune's collection account and payment requests (the commune's own
account and statement_csv are in tests/support/statements.py)."""

import pytest

from tests import factories as f
from tests.support.statements import statement_csv
from xaso.payments.services import collection_account_set, payment_request_create


@pytest.fixture
def other_account(other_commune):
    leader = f.staff("commune_leader", commune_obj=other_commune, username="lanhdao_khac")
    return collection_account_set(
        actor=leader,
        commune=other_commune,
        bank_bin="970436",
        account_number="0011004455667",
        account_name="UBND XA DINH TAN",
    )


@pytest.fixture
def make_request(account, one_stop_officer, citizen):
    def _make(amount=50_000, label="Lệ phí chứng thực", kind="test.fee", subject_id="1", **extra):
        return payment_request_create(
            actor=one_stop_officer,
            commune=account.commune,
            amount=amount,
            kind=kind,
            label=label,
            subject_id=subject_id,
            payer=extra.pop("payer", citizen),
            **extra,
        )

    return _make


@pytest.fixture
def statement():
    return statement_csv

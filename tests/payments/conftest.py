"""Payments fixtures: the commune's collection account and a helper to write statements."""

import csv
import io

import pytest

from xaso.payments.services import collection_account_set, payment_request_create


@pytest.fixture
def account(commune, commune_leader):
    return collection_account_set(
        actor=commune_leader,
        commune=commune,
        bank_bin="970405",
        account_number="3600205123456",
        account_name="UBND XA YEN DINH",
    )


@pytest.fixture
def other_account(other_commune):
    from tests import factories as f

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


HEADER = ["Số tham chiếu", "Ngày giao dịch", "Số tiền ghi có", "Nội dung", "Loại tiền"]


def statement_csv(rows, header=HEADER, title_rows=()) -> bytes:
    """rows: (txn_id, date, amount, description[, currency])"""
    buf = io.StringIO()
    writer = csv.writer(buf)
    for title in title_rows:
        writer.writerow(title)
    writer.writerow(header)
    for row in rows:
        row = list(row)
        if len(row) == 4:
            row.append("VND")
        writer.writerow(row)
    return buf.getvalue().encode("utf-8-sig")


@pytest.fixture
def statement():
    return statement_csv

"""Bank statements as the commune's bank exports them (CSV), and the commune's collection account."""

import csv
import io

import pytest

from xaso.payments.services import collection_account_set

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
def account(commune, commune_leader):
    """The commune's collection account, set by its leader."""
    return collection_account_set(
        actor=commune_leader,
        commune=commune,
        bank_bin="970405",
        account_number="3600205123456",
        account_name="UBND XA YEN DINH",
    )

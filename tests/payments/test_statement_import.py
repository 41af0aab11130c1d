"""Statements come as CSV or xlsx with each bank's own columns; what cannot be read is refused
with a message that says why, and nothing is half-imported."""

import io
from datetime import date, datetime

import pytest
from django.utils import translation
from openpyxl import Workbook

from tests.support.statements import statement_csv
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.payments.models import BankStatement, ColumnMapping, RequestStatus, StatementLine
from xaso.payments.services import statement_import
from xaso.payments.statements import amount_parse


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_an_xlsx_statement_with_title_rows_is_read(one_stop_officer, account, make_request):
    request = make_request(amount=25_000)
    content = xlsx(
        [
            ["NGÂN HÀNG NÔNG NGHIỆP - SAO KÊ TÀI KHOẢN"],
            ["Từ ngày 01/11/2026 đến ngày 23/11/2026"],
            [],
            ["STT", "Mã giao dịch", "Ngày GD", "Ghi có", "Diễn giải"],
            [1, "AGR-77", datetime(2026, 11, 23, 9, 30), 25000, f"CT {request.reference}"],
            [None, "Tổng cộng", None, None, None],
        ]
    )
    result = statement_import(
        actor=one_stop_officer,
        account=account,
        filename="saoke.xlsx",
        content=content,
        columns={
            "txn_id": "Mã giao dịch",
            "booked_on": "Ngày GD",
            "amount": "Ghi có",
            "description": "Diễn giải",
        },
    )
    assert result.lines_new == 1
    line = StatementLine.objects.get()
    assert (line.bank_txn_id, line.booked_on, line.amount) == ("AGR-77", date(2026, 11, 23), 25_000)
    request.refresh_from_db()
    assert request.status == RequestStatus.PAID


def test_the_column_mapping_is_kept_for_the_bank_and_used_next_time(one_stop_officer, account):
    header = ["Ref", "Ngay", "Co", "ND"]
    columns = {"txn_id": "Ref", "booked_on": "Ngay", "amount": "Co", "description": "ND"}
    content = statement_csv([("A1", "2026-11-23", "1000", "x")], header=header)
    statement_import(
        actor=one_stop_officer, account=account, filename="a.csv", content=content, columns=columns
    )
    assert ColumnMapping.objects.get(commune=account.commune, bank_bin="970405").columns == columns
    again = statement_csv([("A2", "2026-11-23", "1000", "x")], header=header)
    result = statement_import(actor=one_stop_officer, account=account, filename="b.csv", content=again)
    assert result.lines_new == 1


def test_common_vietnamese_headers_are_recognised_without_a_mapping(one_stop_officer, account, statement):
    result = statement_import(
        actor=one_stop_officer,
        account=account,
        filename="a.csv",
        content=statement([("A1", "23/11/2026", "1000", "x")]),
    )
    assert result.lines_new == 1


def test_a_statement_with_unknown_columns_names_what_it_found(one_stop_officer, account):
    content = statement_csv(
        [("A1", "23/11/2026", "1000", "x")], header=["Col1", "Col2", "Col3", "Col4", "Col5"]
    )
    with translation.override("en"), pytest.raises(InvalidInput) as exc:
        statement_import(
            actor=one_stop_officer,
            account=account,
            filename="a.csv",
            content=content,
            columns={"txn_id": "Ref", "booked_on": "Col2", "amount": "Col3", "description": "Col4"},
        )
    message = str(exc.value.message)
    assert "“Ref”" in message and "“Col1”" in message
    assert exc.value.field == "columns"
    assert not BankStatement.objects.exists()


def test_a_statement_in_another_currency_is_refused_whole(one_stop_officer, account, statement):
    content = statement([("A1", "23/11/2026", "1000", "x"), ("A2", "23/11/2026", "50", "y", "USD")])
    with translation.override("en"), pytest.raises(InvalidInput) as exc:
        statement_import(actor=one_stop_officer, account=account, filename="a.csv", content=content)
    assert "USD" in str(exc.value.message) and "Row 3" in str(exc.value.message)
    assert not StatementLine.objects.exists()


def test_a_file_that_is_not_a_statement_is_refused(one_stop_officer, account):
    with pytest.raises(InvalidInput):
        statement_import(
            actor=one_stop_officer, account=account, filename="a.xlsx", content=b"PK\x03\x04garbage"
        )
    with pytest.raises(InvalidInput):
        statement_import(
            actor=one_stop_officer, account=account, filename="a.csv", content="é".encode("latin-1")
        )


def test_a_credit_without_a_transaction_id_is_refused(one_stop_officer, account, statement):
    with pytest.raises(InvalidInput):
        statement_import(
            actor=one_stop_officer,
            account=account,
            filename="a.csv",
            content=statement([("", "23/11/2026", "1000", "x")]),
        )


def test_an_unreadable_date_is_refused(one_stop_officer, account, statement):
    with pytest.raises(InvalidInput):
        statement_import(
            actor=one_stop_officer,
            account=account,
            filename="a.csv",
            content=statement([("A", "hôm qua", "1000", "x")]),
        )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1,500,000.00", 1_500_000),
        ("1.500.000,00", 1_500_000),
        ("1500000", 1_500_000),
        ("1500000.00", 1_500_000),
        ("+25.000 VND", 25_000),
        ("", None),
        (None, None),
        (1500, 1500),
        (1500.0, 1500),
    ],
)
def test_amounts_are_read_in_the_formats_banks_use(text, value):
    assert amount_parse(text, row=2) == value


@pytest.mark.parametrize("text", ["12,5", "1500.50", "abc", "1.2.3"])
def test_amounts_with_fractions_or_garbage_are_refused(text):
    with pytest.raises(InvalidInput):
        amount_parse(text, row=2)


def test_a_citizen_cannot_import_a_statement(citizen, account, statement):
    with pytest.raises(NotAllowed):
        statement_import(actor=citizen, account=account, filename="a.csv", content=statement([]))


def test_an_officer_of_another_commune_cannot_import_into_this_account(other_officer, account, statement):
    with pytest.raises(NotAllowed):
        statement_import(actor=other_officer, account=account, filename="a.csv", content=statement([]))

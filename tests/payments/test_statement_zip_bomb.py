"""A statement is an upload: a small xlsx that inflates to hundreds of megabytes, or names a cell
far down the sheet, is refused on the file field at once (xaso.core.spreadsheets), before the
worker spends seconds and memory on it; what passes is read within READ_SECONDS."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import spreadsheet_bombs
from tests.payments.test_statement_import import xlsx
from xaso.core.errors import InvalidInput
from xaso.payments import statements
from xaso.payments.models import BankStatement
from xaso.payments.services import statement_import

COLUMNS = {"txn_id": "Mã GD", "booked_on": "Ngày", "amount": "Ghi có", "description": "Nội dung"}


def refused(officer, account, content) -> tuple[InvalidInput, float]:
    started = time.monotonic()
    with pytest.raises(InvalidInput) as caught:
        statement_import(
            actor=officer, account=account, filename="saoke.xlsx", content=content, columns=COLUMNS
        )
    return caught.value, time.monotonic() - started


def test_it_refuses_a_small_statement_that_unpacks_to_a_million_rows_at_once(one_stop_officer, account):
    bomb = spreadsheet_bombs.many_rows(400_000)
    assert len(bomb) < 400_000
    error, seconds = refused(one_stop_officer, account, bomb)
    assert error.field == "file"
    assert seconds < 5
    assert not BankStatement.objects.exists()


def test_it_refuses_a_cell_far_down_the_sheet_without_reading_the_rows_before_it(one_stop_officer, account):
    error, seconds = refused(one_stop_officer, account, spreadsheet_bombs.far_cell("A250000"))
    assert error.field == "file"
    assert str(statements.XLSX_LIMITS.max_rows) in str(error.message)
    assert seconds < 2


def test_it_stops_reading_a_statement_past_its_time(one_stop_officer, account, monkeypatch):
    monkeypatch.setattr(statements, "READ_SECONDS", 0)
    rows = [["Mã GD", "Ngày", "Ghi có", "Nội dung"]] + [
        [f"T{i}", "23/11/2026", 1000, "x"] for i in range(1500)
    ]
    error, _seconds = refused(one_stop_officer, account, xlsx(rows))
    assert error.field == "file" and "quá lâu" in str(error.message)


def test_the_cashier_page_names_the_file_field(login, one_stop_officer, account):
    upload = SimpleUploadedFile("saoke.xlsx", spreadsheet_bombs.inflating(20), "application/octet-stream")
    response = login(one_stop_officer).post("/thanh-toan/", {"file": upload})
    assert response.status_code in (200, 422)
    assert "file" in response.context["form"].errors
    assert not BankStatement.objects.exists()

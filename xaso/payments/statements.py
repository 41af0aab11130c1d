"""Reading bank statement exports (CSV or xlsx) into plain rows, before any matching.

Banks export differently: title rows above the header, Vietnamese or English headers, amounts
as "1.500.000", "1,500,000.00" or a number cell, dates as dd/mm/yyyy with or without a time.
The commune's cashier maps the bank's columns once; the mapping is kept per bank. Columns are
found by header text folded like search (no accents, no case), so "Số tiền" matches "so tien".
"""

import csv
import io
import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from xaso.core.errors import InvalidInput
from xaso.core.spreadsheets import Deadline, Limits, xlsx_guard
from xaso.core.text import fold

# The fields a statement must give, and the header names banks commonly use for them.
FIELDS = {
    "txn_id": gettext_lazy("Transaction id"),
    "booked_on": gettext_lazy("Date"),
    "amount": gettext_lazy("Credit amount"),
    "description": gettext_lazy("Description"),
    "currency": gettext_lazy("Currency (optional)"),
}
REQUIRED = ("txn_id", "booked_on", "amount", "description")
GUESSES = {
    "txn_id": [
        "so tham chieu",
        "ma giao dich",
        "so giao dich",
        "so but toan",
        "transaction id",
        "reference no",
        "ref",
    ],
    "booked_on": ["ngay giao dich", "ngay gd", "ngay hach toan", "ngay", "transaction date", "date"],
    "amount": ["so tien ghi co", "ghi co", "so tien", "credit amount", "credit", "amount"],
    "description": ["noi dung", "dien giai", "noi dung giao dich", "mo ta", "description", "details"],
    "currency": ["loai tien", "tien te", "currency", "ccy"],
}
VND = {"VND", "704", "D", "DONG", "VNĐ"}
MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 30
# An xlsx statement is read only within these (xaso.core.spreadsheets): a bank's export of
# MAX_ROWS lines is about 60 MB of XML and a few dozen columns.
XLSX_LIMITS = Limits(max_bytes=128 * 1024 * 1024, max_rows=MAX_ROWS + HEADER_SEARCH_ROWS, max_columns=256)
READ_SECONDS = 30


class Row(NamedTuple):
    number: int  # the row number in the file, for messages
    txn_id: str
    booked_on: date
    amount: int  # đồng; credits only reach reconciliation
    description: str
    currency: str


# ASCII digits only: str.isdigit() and \d also take "²" or "٣", which int() refuses or misreads.
_VN_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$", re.ASCII)
_EN_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
_PLAIN = re.compile(r"^-?\d+([.,]\d+)?$", re.ASCII)


def amount_parse(value, *, row: int) -> int | None:
    """Whole đồng, or None for an empty cell (a debit line in a credit column)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidInput(_("Row %(row)d: the amount is not a number.") % {"row": row}, field="file")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInput(_("Row %(row)d: the amount is not a number.") % {"row": row}, field="file")
        if value != int(value):
            raise InvalidInput(
                _("Row %(row)d: the amount has a fraction of a đồng.") % {"row": row}, field="file"
            )
        return int(value)
    text = re.sub(r"\s|VND|VNĐ|đ", "", str(value), flags=re.IGNORECASE)
    if not text:
        return None
    if text.startswith("+"):
        text = text[1:]
    if _VN_THOUSANDS.match(text):
        whole, _sep, fraction = text.partition(",")
        whole = whole.replace(".", "")
    elif _EN_THOUSANDS.match(text):
        whole, _sep, fraction = text.partition(".")
        whole = whole.replace(",", "")
    elif _PLAIN.match(text):
        whole, fraction = ([*re.split(r"[.,]", text), ""])[:2]
    else:
        raise InvalidInput(
            _("Row %(row)d: the amount “%(v)s” is not a number.") % {"row": row, "v": value}, field="file"
        )
    if fraction and int(fraction) != 0:
        raise InvalidInput(
            _("Row %(row)d: the amount has a fraction of a đồng.") % {"row": row}, field="file"
        )
    return int(whole)


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%y", "%d.%m.%Y")


def date_parse(value, *, row: int) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip().split(" ")[0].split("T")[0]
    found = _date_from_text(text)
    if found is None:
        raise InvalidInput(
            _("Row %(row)d: “%(v)s” is not a date (dd/mm/yyyy).") % {"row": row, "v": value}, field="file"
        )
    return found


@lru_cache(maxsize=4096)
def _date_from_text(text: str) -> date | None:
    # A statement holds few distinct dates and strptime is slow: cache by text.
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _cells_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            _("The CSV file is not UTF-8 text. Save it from Excel as “CSV UTF-8”."), field="file"
        ) from None
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error:
        raise InvalidInput(_("The file is not a statement in CSV or Excel (.xlsx)."), field="file") from None


def _delimiter(text: str) -> str:
    """The separator that splits the top rows into the most columns. csv.Sniffer guessed wrong
    when a title row without separators sat above the header (found by a property test)."""
    top = text.splitlines()[:HEADER_SEARCH_ROWS]
    try:
        widths = {d: max((len(r) for r in csv.reader(top, delimiter=d)), default=0) for d in ",;\t"}
    except csv.Error:
        return ","
    return max(widths, key=lambda d: (widths[d], d == ","))


def _too_many_rows() -> InvalidInput:
    return InvalidInput(_("A statement may have at most %(n)d lines.") % {"n": MAX_ROWS}, field="file")


def _cells_xlsx(content: bytes) -> list[list]:
    """The first sheet's rows, streamed: refused past the guard's limits, the row limit (at once,
    not after reading the rest) or READ_SECONDS."""
    xlsx_guard(content, limits=XLSX_LIMITS)
    deadline = Deadline(READ_SECONDS)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise InvalidInput(_("The file is not an Excel workbook (.xlsx)."), field="file") from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # a declared A1:XFD1048576 must not pad every row
        cells = []
        rows = sheet.iter_rows(values_only=True, max_col=XLSX_LIMITS.max_columns)
        for count, row in enumerate(rows, start=1):
            if count > XLSX_LIMITS.max_rows:
                raise _too_many_rows()
            if count % 1000 == 0:
                deadline.check()
            cells.append(list(row))
        return cells
    finally:
        book.close()


def cells_read(filename: str, content: bytes) -> list[list]:
    if content[:4] == b"PK\x03\x04":
        return _cells_xlsx(content)
    if (filename or "").lower().endswith((".xlsx", ".xls")):
        raise InvalidInput(_("The file is not an Excel workbook (.xlsx)."), field="file")
    return _cells_csv(content)


def _folded(cell) -> str:
    return fold(str(cell)) if cell is not None else ""


def columns_guess(headers: list[str]) -> dict[str, str]:
    folded = {fold(h): h for h in headers if h}
    found = {}
    for key, names in GUESSES.items():
        for name in names:
            if name in folded:
                found[key] = folded[name]
                break
    return found


def columns_detect(cells: list[list]) -> dict[str, str]:
    """With no mapping yet: the first top row whose headers name every required field."""
    for row in cells[:HEADER_SEARCH_ROWS]:
        guess = columns_guess([str(c) for c in row if c not in (None, "")])
        if all(key in guess for key in REQUIRED):
            return guess
    return {}


def header_find(cells: list[list], columns: dict[str, str]) -> tuple[int, dict[str, int]]:
    """The header row (the first of the top rows that holds every mapped column) and the
    position of each field. Refuses with the headers it saw when a mapped column is missing."""
    wanted = {key: fold(name) for key, name in columns.items() if name}
    missing_keys = [key for key in REQUIRED if key not in wanted]
    if missing_keys:
        raise InvalidInput(
            _("Say which column holds: %(f)s.") % {"f": ", ".join(str(FIELDS[k]) for k in missing_keys)},
            field="columns",
        )
    best_headers: list[str] = []
    for index, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        folded = [_folded(c) for c in row]
        if all(name in folded for name in wanted.values()):
            return index, {key: folded.index(name) for key, name in wanted.items()}
        if len([c for c in row if c not in (None, "")]) > len(best_headers):
            best_headers = [str(c) for c in row if c not in (None, "")]
    absent = [
        columns[k]
        for k, name in wanted.items()
        if not any(name in [_folded(c) for c in r] for r in cells[:HEADER_SEARCH_ROWS])
    ]
    raise InvalidInput(
        _("The statement has no column %(missing)s. Columns found: %(found)s.")
        % {
            "missing": ", ".join(f"“{name}”" for name in absent) or "?",
            "found": ", ".join(f"“{h}”" for h in best_headers) or "—",
        },
        field="columns",
    )


def rows_read(
    filename: str, content: bytes, columns: dict[str, str]
) -> tuple[list[Row], int, dict[str, str]]:
    """Credit rows of the statement, how many other rows (debits, blanks, totals) were skipped,
    and the mapping used (detected from the headers when none is given). Refuses the whole
    file on a foreign currency or an unreadable row."""
    cells = cells_read(filename, content)
    columns = columns or columns_detect(cells)
    header_index, position = header_find(cells, columns)
    rows, skipped = [], 0
    body = cells[header_index + 1 :]
    if len(body) > MAX_ROWS:
        raise _too_many_rows()
    width = max(position.values()) + 1
    at_txn, at_booked, at_amount, at_text = (position[k] for k in REQUIRED)
    at_currency = position.get("currency")
    for offset, raw in enumerate(body):
        number = header_index + offset + 2
        if len(raw) < width:
            raw = [*raw, *([None] * (width - len(raw)))]
        txn_id = str(raw[at_txn] or "").strip()
        amount = amount_parse(raw[at_amount], row=number)
        if not txn_id and amount is None:
            skipped += 1  # blank or a total row
            continue
        if amount is None or amount <= 0:
            skipped += 1  # a debit or a zero line: nothing to reconcile
            continue
        if not txn_id:
            raise InvalidInput(_("Row %(row)d has no transaction id.") % {"row": number}, field="file")
        if at_currency is not None:
            currency = str(raw[at_currency] or "VND").strip().upper()
            if currency not in VND:
                raise InvalidInput(
                    _("Row %(row)d is in %(cur)s; only statements in đồng (VND) can be reconciled.")
                    % {"row": number, "cur": currency},
                    field="file",
                )
        rows.append(
            Row(
                number,
                txn_id[:64],
                date_parse(raw[at_booked], row=number),
                amount,
                " ".join(str(raw[at_text] or "").split())[:400],
                "VND",
            )
        )
    return rows, skipped, columns

"""The household list as a spreadsheet: the template, reading and checking an upload row by row,
the error report (the same sheet with an error column) and the export.

Reading uses python-calamine (Rust): at 100,000 rows openpyxl's XML parsing in Python was most
of the import's time (about 300 of 450 s checking), calamine reads the same sheet in about a
second and holds it in memory as compact cells (about 100 MB for 1.3 million cells; files are
40 MB at most). Writing uses openpyxl's write-only mode. Headers are matched ignoring case and
diacritics, in Vietnamese or English, so a template downloaded in either language imports in both.
"""

import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from python_calamine import CalamineError, CalamineWorkbook

from xaso.accounts.identity import phone_clean
from xaso.core.errors import InvalidInput
from xaso.core.privacy import mask_phone
from xaso.core.spreadsheets import Deadline, Limits, xlsx_append, xlsx_guard
from xaso.core.text import fold

MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_ROWS = 200_000
# What calamine is let to read (xaso.core.spreadsheets): MAX_ROWS households are about 140 MB
# of XML in 13 columns; the error report adds one.
XLSX_LIMITS = Limits(max_bytes=256 * 1024 * 1024, max_rows=MAX_ROWS + 1, max_columns=64)
CHECK_SECONDS = 900  # a task; 100,000 rows are checked in about a minute

COLUMNS: list[tuple[str, object, bool]] = [
    # key, header, required
    ("code", gettext_lazy("Household code"), True),
    ("village", gettext_lazy("Village"), True),
    ("address", gettext_lazy("Address"), False),
    ("head_name", gettext_lazy("Head of household"), True),
    ("head_birth", gettext_lazy("Head's year or date of birth"), False),
    ("members", gettext_lazy("Other members (Name (year); …)"), False),
    ("contact_name", gettext_lazy("Contact person"), False),
    ("contact_phone", gettext_lazy("Contact phone"), False),
    ("contact_email", gettext_lazy("Contact e-mail"), False),
    ("contact_zalo_id", gettext_lazy("Contact Zalo ID"), False),
    ("public_name", gettext_lazy("Name may be public (yes/no)"), False),
    ("public_address", gettext_lazy("Address may be public (yes/no)"), False),
    ("public_phone", gettext_lazy("Phone may be public (yes/no)"), False),
]
KEYS = [key for key, _label, _req in COLUMNS]
YES = {"yes", "y", "co", "x", "1", "true", "dong y"}
NO = {"no", "n", "khong", "0", "false", ""}
MEMBER = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<year>[^)]*)\))?$")
CODE = re.compile(r"^[A-Za-z0-9._/-]{1,30}$")


def headers(language: str | None = None) -> list[str]:
    with translation.override(language or translation.get_language()):
        return [str(label) for _key, label, _req in COLUMNS]


def _header_aliases() -> dict[str, str]:
    aliases = {}
    for language in ("vi", "en"):
        for key, header in zip(KEYS, headers(language), strict=True):
            aliases[fold(header)] = key
    aliases.update({key: key for key in KEYS})
    return aliases


@dataclass
class Row:
    number: int  # the row's number in the sheet, as Excel shows it
    data: dict
    errors: list[str] = field(default_factory=list)


class Household(NamedTuple):
    """A checked row, compact: 100,000 of them wait in memory until the whole sheet is checked
    (a tuple is about a quarter of the Row with its dict)."""

    number: int
    code: str
    village_id: int
    address: str
    head_name: str
    head_birth_year: int | None
    members: tuple[tuple[str, int | None], ...]
    contact_name: str
    contact_phone: str
    contact_email: str
    contact_zalo_id: str
    public_name: bool
    public_address: bool
    public_phone: bool

    @classmethod
    def of(cls, row: Row) -> "Household":
        d = row.data
        return cls(
            row.number, d["code"], d["village_id"], d["address"], d["head_name"], d["head_birth_year"],
            tuple(d["members"]), d["contact_name"], d["contact_phone"], d["contact_email"],
            d["contact_zalo_id"], d["public_name"], d["public_address"], d["public_phone"],
        )  # fmt: skip


@dataclass
class CheckResult:
    total: int = 0
    valid: list[Household] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)  # sheet row number -> message


def template_workbook() -> Workbook:
    """An empty household list with the headers and one example row."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Households"))
    xlsx_append(ws, headers())
    xlsx_append(
        ws,
        [
            "HK-0001",
            "Thôn Phúc Lộc",
            "Xóm 2",
            "Nguyễn Văn An",
            "1970",
            "Trần Thị Bình (1972); Nguyễn Văn Cường (2001)",
            "Nguyễn Văn Cường",
            "0912345678",
            "",
            "",
            "yes",
            "no",
            "no",
        ],
    )
    return wb


def open_workbook(path_or_file) -> CalamineWorkbook:
    """Open an upload as a workbook, checking that it is really an xlsx file and not too big,
    packed or unpacked (xlsx_guard runs before calamine allocates the sheet)."""
    size = getattr(path_or_file, "size", None)
    if size is None and isinstance(path_or_file, str | os.PathLike):
        size = os.path.getsize(path_or_file)
    if size is not None and size > MAX_FILE_BYTES:
        raise InvalidInput(_("The file is too big (40 MB at most)."), field="file")
    try:
        if hasattr(path_or_file, "seek"):
            path_or_file.seek(0)
        if not zipfile.is_zipfile(path_or_file):
            raise InvalidInput(_("This is not an Excel (.xlsx) file."), field="file")
        if hasattr(path_or_file, "seek"):
            path_or_file.seek(0)
        xlsx_guard(path_or_file, limits=XLSX_LIMITS)
        if hasattr(path_or_file, "seek"):
            path_or_file.seek(0)
            return CalamineWorkbook.from_filelike(path_or_file)
        return CalamineWorkbook.from_path(os.fspath(path_or_file))
    except (CalamineError, zipfile.BadZipFile, ValueError, OSError):
        raise InvalidInput(_("This is not an Excel (.xlsx) file."), field="file") from None


def sheet_rows(workbook: CalamineWorkbook) -> tuple[int, Iterator[list]]:
    """The first sheet's number of rows and its rows from row 1, each a list of cell values
    (str, float, int, bool, date or datetime; "" for an empty cell) from column A."""
    try:
        sheet = workbook.get_sheet_by_index(0)
    except CalamineError:
        raise InvalidInput(_("This is not an Excel (.xlsx) file."), field="file") from None
    if not sheet.start:
        return 0, iter(())
    # calamine yields rows from the sheet's first row but cells from the first used column.
    first_row, first_column = sheet.start
    rows = sheet.iter_rows()
    if first_column:
        pad = [""] * first_column
        rows = ([*pad, *values] for values in rows)
    return first_row + sheet.height, rows


def _rows(workbook) -> tuple[int, list[str | None], Iterator[list]]:
    total, rows = sheet_rows(workbook)
    try:
        header_row = next(rows)
    except StopIteration:
        raise InvalidInput(_("The sheet is empty."), field="file") from None
    aliases = _header_aliases()
    mapping = [aliases.get(fold(str(h))) if h not in (None, "") else None for h in header_row]
    missing = [str(label) for key, label, req in COLUMNS if req and key not in mapping]
    if missing:
        raise InvalidInput(
            _("These columns are missing: %(cols)s. Download the template and keep its headers.")
            % {"cols": ", ".join(missing)},
            field="file",
        )
    return total, mapping, rows


@lru_cache(maxsize=4096)
def _fold_repeated(text: str) -> str:
    """fold() for the values that repeat down a sheet (villages, yes/no): folded once each."""
    return fold(text)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _year(value, this_year: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        year = value.year
    else:
        text = _text(value)
        match = re.fullmatch(r"(?:(\d{1,2})/(\d{1,2})/)?(\d{4})", text)
        if not match:
            raise ValueError
        if match.group(1):
            date(int(match.group(3)), int(match.group(2)), int(match.group(1)))  # a real calendar day
        year = int(match.group(3))
    if not 1880 <= year <= this_year:
        raise ValueError
    return year


def _flag(value) -> bool:
    word = _fold_repeated(_text(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError


def check_row(number: int, raw: dict, villages: dict[str, int], this_year: int) -> Row:
    """Validate one row; every problem of the row is listed, not just the first."""
    row = Row(number=number, data={})
    errors, data = row.errors, row.data
    code = _text(raw.get("code"))
    if not code:
        errors.append(_("The household code is missing."))
    elif not CODE.match(code):
        errors.append(_("The household code may use only letters, digits and . _ / - (30 at most)."))
    data["code"] = code
    village = _text(raw.get("village"))
    data["village_id"] = villages.get(_fold_repeated(village))
    if not village:
        errors.append(_("The village is missing."))
    elif data["village_id"] is None:
        errors.append(_("Unknown village: %(v)s.") % {"v": village})
    data["head_name"] = _text(raw.get("head_name"))[:150]
    if not data["head_name"]:
        errors.append(_("The head of household is missing."))
    try:
        data["head_birth_year"] = _year(raw.get("head_birth"), this_year)
    except (ValueError, TypeError):
        errors.append(_("The head's year or date of birth is not a date (use yyyy or dd/mm/yyyy)."))
    members = []
    for part in filter(None, (p.strip() for p in _text(raw.get("members")).split(";"))):
        match = MEMBER.match(part)
        try:
            members.append((match.group("name").strip()[:150], _year(match.group("year"), this_year)))
        except (AttributeError, ValueError, TypeError):
            errors.append(_("A member is not written as Name (year): %(m)s.") % {"m": part[:60]})
    data["members"] = members
    data["address"] = _text(raw.get("address"))[:300]
    data["contact_name"] = _text(raw.get("contact_name"))[:150]
    phone = _text(raw.get("contact_phone"))
    try:
        data["contact_phone"] = phone_clean(phone) if phone else ""
    except InvalidInput:
        errors.append(_("The contact phone is not a 10-digit number starting with 0."))
    email = _text(raw.get("contact_email"))
    try:
        if email:
            validate_email(email)
        data["contact_email"] = email
    except ValidationError:
        errors.append(_("The contact e-mail is not valid."))
    data["contact_zalo_id"] = _text(raw.get("contact_zalo_id"))[:64]
    for key in ("public_name", "public_address", "public_phone"):
        try:
            data[key] = _flag(raw.get(key))
        except ValueError:
            errors.append(_("Write yes or no for consent."))
    return row


def check_workbook(
    source, *, villages: dict[str, int], progress: Callable[[int, int], None] | None = None
) -> CheckResult:
    """Read and check every row. Rules: wrong headers stop at once; duplicate codes in the file
    are errors on every repeat; more than MAX_ROWS rows are refused."""
    workbook = open_workbook(source)
    try:
        total, mapping, rows = _rows(workbook)
        total = max(0, total - 1)
        if total > MAX_ROWS:
            raise InvalidInput(
                _("The file has too many rows (%(n)d at most).") % {"n": MAX_ROWS}, field="file"
            )
        result = CheckResult(total=total)
        deadline = Deadline(CHECK_SECONDS)
        seen: dict[str, int] = {}
        this_year = date.today().year
        keyed = [(i, key) for i, key in enumerate(mapping) if key]
        for index, values in enumerate(rows, start=2):
            if not any(v is not None and v != "" for v in values):
                continue
            raw = {key: values[i] for i, key in keyed if i < len(values)}
            row = check_row(index, raw, villages, this_year)
            code = row.data["code"]
            # Valid codes are ASCII, where folding is lower-casing.
            folded = code.lower() if code.isascii() else fold(code)
            if folded and folded in seen:
                row.errors.append(
                    _("The household code %(c)s is repeated (first on row %(r)d).")
                    % {"c": code, "r": seen[folded]}
                )
            elif folded:
                seen[folded] = index
            if row.errors:
                result.errors[index] = " ".join(row.errors)
            else:
                result.valid.append(Household.of(row))
            if index % 1000 == 0:
                deadline.check()
                if progress:
                    progress(index - 1, total)
        result.total = max(total, len(result.valid) + len(result.errors))
        if progress:
            progress(result.total, result.total)
        return result
    finally:
        workbook.close()


def error_report(source, errors: dict[int, str], out) -> None:
    """Write the uploaded sheet again with an "Errors" column, to `out` (path or file)."""
    workbook = open_workbook(source)
    try:
        _total, rows = sheet_rows(workbook)
        report = Workbook(write_only=True)
        ws = report.create_sheet(workbook.sheet_names[0] if workbook.sheet_names else "Sheet1")
        for index, values in enumerate(rows, start=1):
            values = [None if v == "" else v for v in values]
            xlsx_append(ws, [*values, _("Errors") if index == 1 else errors.get(index, "")])
        report.save(out)
    finally:
        workbook.close()


def export_workbook(households, out, *, masked: bool = False) -> None:
    """The household list in the template's layout, so an export can be edited and imported.
    `masked`: phones masked and e-mail / Zalo left out, for roles that only read the list."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Households"))
    xlsx_append(ws, headers())
    yes, no = "yes", "no"
    for h in households:
        residents = list(h.residents.all())
        head = next((r for r in residents if r.is_head), None)
        members = "; ".join(
            f"{r.full_name} ({r.birth_year})" if r.birth_year else r.full_name
            for r in residents
            if not r.is_head
        )
        xlsx_append(
            ws,
            [
                h.code,
                h.village.name,
                h.address,
                h.head_name,
                head.birth_year if head and head.birth_year else "",
                members,
                h.contact_name,
                mask_phone(h.contact_phone) if masked else h.contact_phone,
                "" if masked else h.contact_email,
                "" if masked else h.contact_zalo_id,
                yes if h.public_name else no,
                yes if h.public_address else no,
                yes if h.public_phone else no,
            ],
        )
    wb.save(out)

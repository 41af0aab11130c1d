"""Opening a user's spreadsheet (xlsx) without letting it take the worker.

An xlsx is a zip of XML. A 191 KB file can inflate to hundreds of megabytes, and a few bytes of
XML can name a cell at XFD1048576, which a dense reader (python-calamine) then allocates as 17
billion cells and a streaming one (openpyxl) pads row after row. So before any parser touches
an upload, `xlsx_guard` inflates every member itself, counting the real bytes (the sizes in the
zip's directory are the sender's word), and walks the `<row>` and `<c>` tags for the furthest
row and column a reader would reach. It refuses, on the form's field, a file with too many
members, more bytes than the caller allows, a member that inflates more than MAX_RATIO times
(real sheets inflate 5 to 25 times), or a cell beyond the caller's rows and columns. Then
`Deadline` bounds the time the caller spends reading what passed.

Used by payments.statements (bank statements, openpyxl) and community.spreadsheet (the household
list, calamine).

Writing: every xlsx and CSV export goes through `xlsx_append` / `csv_writerow`, which write text as
text. A household named "=HYPERLINK(…)" must not become a formula in the officer's Excel
(openpyxl makes any str starting with "=" a formula), nor a CSV cell that a spreadsheet runs
("=", "+", "-", "@", tab or CR first: a leading apostrophe).
"""

import copy
import io
import os
import re
import time
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell

from xaso.core.errors import InvalidInput

MAX_MEMBERS = 200  # an Excel workbook with a few sheets has 10 to 30
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small members (styles, themes) may compress very well
CHUNK = 1024 * 1024

# A <row …> or <c …> start tag (any namespace prefix); <col>, <rowBreaks>, <c:chart> do not.
_TAG = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]*)(\d*)["']""")
# A position as usual writers give it, on a row (r="12") or a cell (r="AB12"): the fast path.
_AT_ROW = re.compile(rb' r="[A-Za-z]*(\d+)"')
_AT_COLUMN = re.compile(rb' r="([A-Za-z]+)\d')
_TAG_STARTS = (b"<row ", b"<row>", b"<row/>", b"<c ", b"<c>", b"<c/>")


@dataclass(frozen=True)
class Limits:
    """What the caller is ready to read: uncompressed bytes, rows and columns of any sheet."""

    max_bytes: int
    max_rows: int
    max_columns: int


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter - 64)
    return number


class _Extent:
    """The furthest row and column the tags seen so far reach, positions as a reader computes
    them: from the `r` attribute, or one after the previous row (cell) when it has none."""

    def __init__(self):
        self.row = self.column = self.max_row = self.max_column = 0

    def feed(self, text: bytes) -> None:
        rows = _AT_ROW.findall(text)
        if b":row" in text or b":c " in text or len(rows) != sum(text.count(t) for t in _TAG_STARTS):
            self._walk(text)  # a tag without its position, or a namespace prefix: tag by tag
            return
        if not rows:
            return
        # Every tag has its position: the furthest ones, over distinct values, not per cell.
        distinct = set(rows)
        longest = max(map(len, distinct))
        self.max_row = max(self.max_row, int(max(r for r in distinct if len(r) == longest)))
        columns = [_column_number(c) for c in set(_AT_COLUMN.findall(text))]
        self.max_column = max(self.max_column, *columns) if columns else self.max_column
        self.row = int(rows[-1])
        self.column = self.max_column  # a later cell without position: counted past the widest

    def _walk(self, text: bytes) -> None:
        for match in _TAG.finditer(text):
            ref = _REF.search(match.group(2))
            letters, digits = (ref.group(1), ref.group(2)) if ref else (b"", b"")
            if match.group(1) == b"row":
                self.row = int(digits) if digits else self.row + 1
                self.column = 0
            else:
                self.column = _column_number(letters) if letters else self.column + 1
                if digits:
                    self.row = max(self.row, int(digits))
            self.max_row = max(self.max_row, self.row)
            self.max_column = max(self.max_column, self.column)


def _too_big(field: str) -> InvalidInput:
    return InvalidInput(
        _("The file is too big once unpacked: it may be damaged or built to overload the system."),
        field=field,
    )


def _too_wide(limits: Limits, field: str) -> InvalidInput:
    return InvalidInput(
        _("The sheet reaches beyond row %(rows)d or column %(cols)d: keep the list in its columns.")
        % {"rows": limits.max_rows, "cols": limits.max_columns},
        field=field,
    )


def _member_scan(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    *,
    budget: int,
    extent: _Extent,
    limits: Limits,
    field: str,
) -> int:
    """The member's real inflated size, its tags fed to `extent`; refused as soon as it passes
    `budget`, its ratio, or the limits' rows and columns."""
    cap = min(budget, max(RATIO_FLOOR, MAX_RATIO * max(info.compress_size, 1)))
    extent.row = extent.column = 0  # positions start again in each sheet
    # zipfile stops reading at the directory's declared size (and checks the CRC there):
    # declare more than the cap and a read, so the real size is what is counted and the cap
    # is met first; an honest member still ends at its own end, CRC checked.
    probe = copy.copy(info)
    probe.file_size = cap + 2 * CHUNK + 1
    size, tail = 0, b""
    with archive.open(probe) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > cap:
                raise _too_big(field)
            text = tail + chunk
            cut = text.rfind(b"<")
            extent.feed(text[:cut] if cut > 0 else b"")
            tail = text[cut:] if cut > 0 else text
            if len(tail) > CHUNK:  # no tag in a megabyte: not a sheet's XML
                tail = b""
            if extent.max_row > limits.max_rows or extent.max_column > limits.max_columns:
                raise _too_wide(limits, field)
    extent.feed(tail)
    if extent.max_row > limits.max_rows or extent.max_column > limits.max_columns:
        raise _too_wide(limits, field)
    return size


def xlsx_guard(source, *, limits: Limits, field: str = "file") -> None:
    """Refuse an xlsx that would inflate or spread beyond `limits` (see the module's rules).
    `source` is bytes, a path or a seekable file, left at its start."""
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    try:
        archive = zipfile.ZipFile(source if hasattr(source, "read") else os.fspath(source))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InvalidInput(_("This is not an Excel (.xlsx) file."), field=field) from None
    try:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > limits.max_bytes:
            raise _too_big(field)  # as declared: refused without inflating anything
        total, extent = 0, _Extent()
        for info in members:
            total += _member_scan(
                archive, info, budget=limits.max_bytes - total, extent=extent, limits=limits, field=field
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError):
        raise InvalidInput(_("This is not an Excel (.xlsx) file."), field=field) from None
    finally:
        archive.close()
        if hasattr(source, "seek"):
            source.seek(0)


class Deadline:
    """A bound on the time spent reading a sheet that passed the guard: `check()` in the row loop
    refuses, on `field`, once `seconds` have passed."""

    def __init__(self, seconds: float, *, field: str = "file"):
        self.field = field
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise InvalidInput(
                _("The file took too long to read (over %(s)d seconds): split it into smaller files.")
                % {"s": self.seconds},
                field=self.field,
            )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A CSV cell a spreadsheet shows and never runs: text that starts like a formula gets a
    leading apostrophe; numbers and other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_writerow(writer, values) -> None:
    """`writer.writerow(values)` with every text cell made safe (csv_safe)."""
    writer.writerow([csv_safe(v) for v in values])


def xlsx_append(sheet, values) -> None:
    """`sheet.append(values)` (write-only or not) with every str cell typed as text, so that
    openpyxl never writes it as a formula; the text itself is kept, for an export to import again."""
    row = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        row.append(value)
    sheet.append(row)

"""Hostile xlsx files built in the test: small on the wire, huge or far-reaching once opened."""

import io
import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"


def _with_sheet(write_sheet, *, declare_size: int | None = None) -> bytes:
    """A real workbook whose first sheet is replaced by what `write_sheet(file)` writes."""
    book = Workbook()
    book.active.append(["x"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == SHEET:
                packed = zipfile.ZipInfo(SHEET)
                packed.compress_type = zipfile.ZIP_DEFLATED
                with target.open(packed, "w", force_zip64=True) as sheet:
                    write_sheet(sheet)
                if declare_size is not None:  # the directory lies about the size
                    target.getinfo(SHEET).file_size = declare_size
            else:
                target.writestr(info, source.read(info.filename))
    return out.getvalue()


def inflating(megabytes: int = 60, **kwargs) -> bytes:
    """One cell holding `megabytes` of zeros: about a thousand times its packed size."""

    def write(sheet):
        sheet.write(HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>')
        block = b"0" * (1024 * 1024)
        for _ in range(megabytes):
            sheet.write(block)
        sheet.write(b"</t></is></c></row>" + TAIL)

    return _with_sheet(write, **kwargs)


def far_cell(ref: str = "XFD1048576") -> bytes:
    """A few bytes naming a cell that a dense reader allocates the whole sheet up to."""
    return _with_sheet(
        lambda sheet: sheet.write(HEAD + f'<row><c r="A1"/><c r="{ref}"/></row>'.encode() + TAIL)
    )


def many_rows(rows: int) -> bytes:
    """`rows` empty-ish rows without positions: compact, each one a row to a reader."""

    def write(sheet):
        sheet.write(HEAD)
        for _ in range(rows // 1000):
            sheet.write(b'<row><c t="inlineStr"><is><t>1</t></is></c></row>' * 1000)
        sheet.write(TAIL)

    return _with_sheet(write)

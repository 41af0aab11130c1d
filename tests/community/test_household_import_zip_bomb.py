"""The household list is read by python-calamine, which holds the whole sheet densely: an upload
that inflates a thousandfold, or names cell XFD1048576 in a few bytes, is refused on the file
field when it is uploaded (xaso.core.spreadsheets.xlsx_guard), before calamine opens it."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import spreadsheet_bombs
from xaso.community import spreadsheet
from xaso.community.models import HouseholdImport
from xaso.core.errors import InvalidInput


@pytest.mark.parametrize(
    "bomb",
    [
        lambda: spreadsheet_bombs.inflating(20),
        lambda: spreadsheet_bombs.inflating(20, declare_size=1000),  # the directory lies
        lambda: spreadsheet_bombs.far_cell("XFD1048576"),
    ],
    ids=["inflating", "lying-directory", "far-cell"],
)
def test_it_refuses_a_bomb_before_calamine_opens_it(bomb):
    started = time.monotonic()
    with pytest.raises(InvalidInput) as caught:
        spreadsheet.open_workbook(io.BytesIO(bomb()))
    assert caught.value.field == "file"
    assert time.monotonic() - started < 2


def test_the_import_page_refuses_a_bomb_on_the_file_field(login, one_stop_officer, village):
    upload = SimpleUploadedFile("ho.xlsx", spreadsheet_bombs.inflating(20), "application/octet-stream")
    response = login(one_stop_officer).post(reverse("community:households_import"), {"file": upload})
    assert response.status_code in (200, 422)
    assert "file" in response.context["form"].errors
    assert not HouseholdImport.objects.exists()


def test_checking_stops_past_its_time(one_stop_officer, commune, village, xlsx, monkeypatch):
    from tests.support.households import row

    monkeypatch.setattr(spreadsheet, "CHECK_SECONDS", 0)
    with pytest.raises(InvalidInput) as caught:
        spreadsheet.check_workbook(xlsx([row(f"HK-{i}") for i in range(1200)]), villages={})
    assert caught.value.field == "file"

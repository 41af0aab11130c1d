"""Household contacts: full for those who manage the list, masked for those who only read it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.community.conftest import household

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(commune, village):
    return household(commune, village, "HK-9", contact_phone="0912345678", contact_email="an@example.vn")


def exported_cells(client) -> list:
    response = client.get(reverse("community:households_export"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    ws = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [cell for row in ws.iter_rows(min_row=2, values_only=True) for cell in row]


def test_a_reader_sees_the_phone_masked_in_the_list_and_the_export(login, specialist, listed):
    client = login(specialist)
    page = client.get(reverse("community:households")).content.decode()
    assert "091****678" in page and "0912345678" not in page
    cells = exported_cells(client)
    assert "091****678" in cells
    assert "0912345678" not in cells and "an@example.vn" not in cells


def test_a_manager_sees_the_full_contact_to_edit_and_reimport(login, one_stop_officer, listed):
    client = login(one_stop_officer)
    assert "0912345678" in client.get(reverse("community:households")).content.decode()
    cells = exported_cells(client)
    assert "0912345678" in cells and "an@example.vn" in cells

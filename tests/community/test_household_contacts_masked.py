"""Household contacts: full for those who manage the list, masked for those who only read it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.support.households import household

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


def test_the_api_masks_the_contact_for_a_reader(login, specialist, listed):
    client = login(specialist)
    listed_out = client.get("/api/v1/community/households").json()["items"][0]
    one = client.get(f"/api/v1/community/households/{listed.pk}").json()
    for out in (listed_out, one):
        assert out["contact_phone"] == "091****678"
        assert out["contact_email"] == "" and out["contact_zalo_id"] == ""


def test_the_api_gives_a_manager_the_full_contact(login, one_stop_officer, listed):
    out = login(one_stop_officer).get(f"/api/v1/community/households/{listed.pk}").json()
    assert out["contact_phone"] == "0912345678"
    assert out["contact_email"] == "an@example.vn"


def test_every_export_is_audited_with_who_how_many_and_whether_masked(
    login, specialist, one_stop_officer, listed, commune
):
    from xaso.core.audit import audit_verify
    from xaso.core.models import AuditEvent

    exported_cells(login(specialist))
    exported_cells(login(one_stop_officer))
    events = list(AuditEvent.objects.filter(action="export.households").order_by("seq"))
    assert [(e.actor_id, e.commune_code) for e in events] == [
        (specialist.pk, commune.code),
        (one_stop_officer.pk, commune.code),
    ]
    assert [e.changes for e in events] == [
        {"what": "households", "rows": 1, "format": "xlsx", "masked": True},
        {"what": "households", "rows": 1, "format": "xlsx", "masked": False},
    ]
    assert audit_verify().ok


def test_the_import_error_sheet_is_for_managers_only_and_its_download_audited(
    login, one_stop_officer, specialist, commune, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.base import ContentFile

    from xaso.community.models import HouseholdImport, ImportStatus
    from xaso.core.models import AuditEvent

    job = HouseholdImport.objects.create(
        commune=commune, created_by=one_stop_officer, original_name="ds.xlsx", status=ImportStatus.REJECTED,
        total_rows=2, error_rows=1,
    )  # fmt: skip
    job.report.save("loi.xlsx", ContentFile(b"PK-sheet-with-0912345678"))
    url = reverse("community:import_report", args=[job.uid])
    status_page = reverse("community:import_status", args=[job.uid])
    reader = login(specialist)
    assert url not in reader.get(status_page).content.decode()
    assert reader.get(url).status_code == 403
    manager = login(one_stop_officer)
    assert url in manager.get(status_page).content.decode()
    assert manager.get(url).status_code == 200
    event = AuditEvent.objects.get(action="export.households.import_report")
    assert (event.actor_id, event.changes["rows"]) == (one_stop_officer.pk, 2)

import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.support.households import row, upload
from xaso.community.models import Household, HouseholdImport, ImportStatus
from xaso.community.spreadsheet import headers


def _import(client, rows, capture, **extra):
    with capture(execute=True):
        response = client.post(reverse("community:households_import"), {"file": upload(rows), **extra})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def test_an_officer_imports_through_the_page_and_sees_the_result(
    login, one_stop_officer, village, django_capture_on_commit_callbacks
):
    client = login(one_stop_officer)
    response = _import(client, [row(), row("HK-002")], django_capture_on_commit_callbacks)
    job = HouseholdImport.objects.get()
    assert response["Location"] == reverse("community:import_status", args=[job.uid])
    assert job.status == ImportStatus.DONE
    assert (job.created_count, job.total_rows) == (2, 2)
    page = client.get(response["Location"]).content.decode()
    assert "100%" in page
    assert "hx-trigger" not in page  # finished: the page stops polling
    listing = client.get(reverse("community:households")).content.decode()
    assert "HK-002" in listing


def test_a_running_import_is_polled_by_the_page(login, one_stop_officer, commune):
    job = HouseholdImport.objects.create(
        commune=commune, created_by=one_stop_officer, original_name="x.xlsx", status=ImportStatus.RUNNING,
        total_rows=1000, checked_rows=500,
    )  # fmt: skip
    client = login(one_stop_officer)
    fragment = client.get(reverse("community:import_status", args=[job.uid]), HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in body
    assert 'value="45"' in body
    assert "<h1>" not in body  # only the fragment


def test_a_rejected_import_offers_the_sheet_with_errors(
    login, one_stop_officer, village, django_capture_on_commit_callbacks
):
    client = login(one_stop_officer)
    _import(client, [row(), row("HK-002", contact_phone="1")], django_capture_on_commit_callbacks)
    job = HouseholdImport.objects.get()
    assert job.status == ImportStatus.REJECTED
    assert not Household.objects.exists()
    report = client.get(reverse("community:import_report", args=[job.uid]))
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(report.streaming_content))).active
    assert [r[-1] for r in sheet.iter_rows(min_row=3, values_only=True)][0]


def test_the_import_valid_rows_option_is_honoured(
    login, one_stop_officer, village, django_capture_on_commit_callbacks
):
    client = login(one_stop_officer)
    _import(
        client,
        [row(), row("HK-002", contact_phone="1")],
        django_capture_on_commit_callbacks,
        import_valid_rows="on",
    )
    job = HouseholdImport.objects.get()
    assert (job.status, job.created_count, job.error_rows) == (ImportStatus.DONE, 1, 1)


def test_a_non_excel_upload_is_refused_on_the_form(login, one_stop_officer, village):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(one_stop_officer)
    fake = SimpleUploadedFile("ho.xlsx", b"<html>not a spreadsheet</html>")
    response = client.post(reverse("community:households_import"), {"file": fake})
    assert response.status_code == 422
    assert not HouseholdImport.objects.exists()


def test_the_template_downloads_and_imports_back(login, one_stop_officer, commune, village):
    client = login(one_stop_officer)
    response = client.get(reverse("community:households_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(next(sheet.iter_rows(values_only=True))) == headers("vi")


def test_the_export_can_be_imported_again_unchanged(
    login, one_stop_officer, commune, village, django_capture_on_commit_callbacks
):
    client = login(one_stop_officer)
    _import(client, [row(), row("HK-002", members="")], django_capture_on_commit_callbacks)
    before = list(
        Household.objects.order_by("code").values("code", "head_name", "contact_phone", "public_name")
    )
    exported = client.get(reverse("community:households_export"))
    assert exported.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        from django.core.files.uploadedfile import SimpleUploadedFile

        client.post(
            reverse("community:households_import"), {"file": SimpleUploadedFile("x.xlsx", exported.content)}
        )
    job = HouseholdImport.objects.order_by("-pk").first()
    assert (job.status, job.updated_count, job.error_rows) == (ImportStatus.DONE, 2, 0)
    after = list(
        Household.objects.order_by("code").values("code", "head_name", "contact_phone", "public_name")
    )
    assert after == before


def test_an_officer_of_another_commune_reaches_none_of_it(
    login, one_stop_officer, other_officer, village, django_capture_on_commit_callbacks
):
    _import(login(one_stop_officer), [row()], django_capture_on_commit_callbacks)
    job = HouseholdImport.objects.get()
    client = login(other_officer)
    assert "HK-001" not in client.get(reverse("community:households")).content.decode()
    assert client.get(reverse("community:import_status", args=[job.uid])).status_code == 404
    assert client.get(reverse("community:import_report", args=[job.uid])).status_code == 404
    assert b"HK-001" not in client.get(reverse("community:households_export")).content


def test_a_citizen_cannot_open_the_household_list(login, citizen, village):
    assert login(citizen).get(reverse("community:households")).status_code == 403


def test_a_village_head_can_import(login, village_head, village, django_capture_on_commit_callbacks):
    _import(login(village_head), [row()], django_capture_on_commit_callbacks)
    assert Household.objects.count() == 1


def test_a_clerk_sees_the_list_but_cannot_import(login, clerk, village):
    client = login(clerk)
    assert client.get(reverse("community:households")).status_code == 200
    assert client.get(reverse("community:households_import")).status_code == 403

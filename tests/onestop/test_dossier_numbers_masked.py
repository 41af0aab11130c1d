"""Personal numbers in a dossier (its answers' phone and personal ID fields, the receipt's
phone) are shown in full only to the citizen and the commune staff who process it; a province
supervisor or a clerk reads them masked, on the page and in the API."""

import pytest

from tests.files import PDF
from tests.support.dossiers import BIRTH_DATA
from xaso.onestop.models import DossierView
from xaso.onestop.selectors import dossier_answers_for, sees_full_numbers

pytestmark = pytest.mark.django_db

FULL_ID, FULL_PHONE = BIRTH_DATA["applicant_personal_id"], BIRTH_DATA["applicant_phone"]
MASKED_ID, MASKED_PHONE = "*********123", "091****001"


@pytest.mark.parametrize("role", ["one_stop_officer", "specialist", "commune_leader", "citizen"])
def test_those_who_process_or_filed_the_dossier_see_the_numbers_in_full(request, login, file_birth, role):
    dossier = file_birth()
    page = login(request.getfixturevalue(role)).get(f"/ho-so/{dossier.code}/").content.decode()
    assert FULL_ID in page and FULL_PHONE in page
    assert MASKED_ID not in page


@pytest.mark.parametrize("role", ["province_supervisor", "clerk"])
def test_a_reader_who_does_not_process_it_sees_them_masked(request, login, file_birth, role):
    dossier = file_birth()
    response = login(request.getfixturevalue(role)).get(f"/ho-so/{dossier.code}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert MASKED_ID in page and MASKED_PHONE in page
    assert FULL_ID not in page and FULL_PHONE not in page
    assert BIRTH_DATA["child_name"] in page  # the rest of the answers is not hidden


def test_the_api_masks_the_answers_for_the_province_supervisor(login, file_birth, province_supervisor):
    dossier = file_birth()
    data = login(province_supervisor).get(f"/api/v1/dossiers/{dossier.code}").json()["data"]
    assert data["applicant_personal_id"] == MASKED_ID
    assert data["applicant_phone"] == MASKED_PHONE
    assert data["child_name"] == BIRTH_DATA["child_name"]


def test_the_api_gives_the_commune_officer_the_full_numbers(login, file_birth, one_stop_officer):
    dossier = file_birth()
    data = login(one_stop_officer).get(f"/api/v1/dossiers/{dossier.code}").json()["data"]
    assert data["applicant_personal_id"] == FULL_ID
    assert data["applicant_phone"] == FULL_PHONE


def test_an_officer_of_another_commune_gets_nothing_to_unmask(file_birth, other_officer, province_supervisor):
    dossier = file_birth()
    assert sees_full_numbers(other_officer, dossier) is False
    assert sees_full_numbers(province_supervisor, dossier) is False
    assert dossier_answers_for(province_supervisor, dossier)["applicant_phone"] == MASKED_PHONE


def test_the_receipt_pdf_prints_the_phone_masked_for_the_supervisor(
    login, file_birth, walk, province_supervisor, one_stop_officer
):
    from xaso.onestop.views import dossier as dossier_views

    dossier = walk(file_birth(), "receive")
    seen = {}

    def fake_render(template, context):
        seen[template] = context["applicant_phone"]
        return b"%PDF-1.4"

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dossier_views, "render_pdf", fake_render)
        assert login(province_supervisor).get(f"/ho-so/{dossier.code}/bien-nhan.pdf").status_code == 200
        assert seen["onestop/receipt_pdf.html"] == MASKED_PHONE
        login(one_stop_officer).get(f"/ho-so/{dossier.code}/bien-nhan.pdf")
        assert seen["onestop/receipt_pdf.html"] == FULL_PHONE
    # downloading the receipt is a reading of the dossier, recorded like opening its page
    viewers = set(DossierView.objects.filter(dossier=dossier).values_list("viewer", flat=True))
    assert viewers == {province_supervisor.pk, one_stop_officer.pk}


def test_the_papers_open_only_to_those_who_process_the_dossier(
    login, file_birth, province_supervisor, specialist, one_stop_officer, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from xaso.onestop.services.papers import dossier_file_add

    settings.MEDIA_ROOT = tmp_path
    dossier = file_birth()
    scan = ContentFile(PDF, name="cccd.pdf")
    paper = dossier_file_add(actor=one_stop_officer, dossier=dossier, upload=scan, label="CCCD")
    url = f"/ho-so/{dossier.code}/giay-to/{paper.pk}/"
    supervisor = login(province_supervisor)
    page = supervisor.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "CCCD" in page and url not in page
    refused = supervisor.get(url)
    assert refused.status_code == 403
    assert "Chỉ người nộp hồ sơ và cán bộ xử lý hồ sơ" in refused.content.decode()
    assert url in login(specialist).get(f"/ho-so/{dossier.code}/").content.decode()
    assert login(specialist).get(url).status_code == 200
    assert DossierView.objects.filter(dossier=dossier, viewer=specialist).exists()

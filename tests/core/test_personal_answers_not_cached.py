"""Answers with personal data are kept by no browser or proxy cache (commune halls have shared
counter PCs): every answer to a signed-in user — pages, files, exports, the API with a token —
and views marked as carrying personal data for an anonymous visitor; an anonymous public page
is left as its view made it. Decided in one place: xaso.core.middleware.PrivacyHeadersMiddleware."""

import pytest
from django.urls import reverse

from tests.onestop import files
from tests.support.dossiers import BIRTH_DATA
from xaso.accounts.services import api_token_issue
from xaso.community.services.feedback import feedback_submit
from xaso.onestop.models import Procedure
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.papers import dossier_file_add

pytestmark = pytest.mark.django_db
PRIVATE = "private, no-store"


def test_a_signed_in_staff_page_is_not_cached(login, one_stop_officer):
    response = login(one_stop_officer).get(reverse("onestop:queue"))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_dossier_paper_download_is_not_cached(
    login, citizen, commune, one_stop_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    birth = Procedure.objects.get(national_code="1.001193")
    dossier = dossier_submit(actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA))
    paper = dossier_file_add(actor=one_stop_officer, dossier=dossier, upload=files.image(), label="CCCD")
    response = login(one_stop_officer).get(f"/ho-so/{dossier.code}/giay-to/{paper.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_the_household_export_is_not_cached(login, one_stop_officer):
    response = login(one_stop_officer).get(reverse("community:households_export"))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_an_api_answer_to_a_token_is_not_cached(client, one_stop_officer):
    token = api_token_issue(user=one_stop_officer, name="quầy")
    response = client.get("/api/v1/community/households", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_feedback_report_read_by_its_tracking_code_is_not_cached(client, commune):
    report = feedback_submit(
        actor=None, commune=commune, category="lighting", text="Đèn đường ngõ 3 hỏng.", ip="10.0.0.1"
    )
    response = client.get(reverse("community:feedback_track", args=[report.tracking_code]))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_public_catalogue_page_is_left_cacheable(client, commune):
    response = client.get(reverse("onestop:procedures"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")

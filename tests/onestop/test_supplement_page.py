"""Answering a supplement request on its own page ("Nộp bổ sung"): the paper and the
resubmission go in one form; with nothing attached it is refused beside the file field, the
form stays on the page with the label typed, and the dossier keeps awaiting its supplement."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.onestop import files
from xaso.onestop.models import Status
from xaso.onestop.services.lifecycle import dossier_act

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(file_birth, walk, specialist):
    dossier = walk(file_birth(), "start")
    return dossier_act(
        actor=specialist, dossier=dossier, action="request_supplement", note="Bổ sung giấy chứng sinh"
    )


def test_the_dossier_page_links_to_the_supplement_form(login, citizen, awaiting):
    page = login(citizen).get(f"/ho-so/{awaiting.code}/").content.decode()
    assert f'href="/ho-so/{awaiting.code}/bo-sung/"' in page


def test_the_supplement_page_says_what_was_asked(login, citizen, awaiting):
    page = login(citizen).get(f"/ho-so/{awaiting.code}/bo-sung/").content.decode()
    assert "Bổ sung giấy chứng sinh" in page and 'type="file"' in page


def test_nothing_attached_is_refused_and_the_form_stays(login, citizen, awaiting):
    response = login(citizen).post(f"/ho-so/{awaiting.code}/bo-sung/", {"label": "Giấy chứng sinh"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "đính kèm giấy tờ" in page and 'type="file"' in page and 'value="Giấy chứng sinh"' in page
    awaiting.refresh_from_db()
    assert awaiting.status == Status.SUPPLEMENT_REQUESTED and not awaiting.files.exists()


def test_a_paper_attached_resubmits_in_one_step(login, citizen, awaiting):
    upload = SimpleUploadedFile("chung-sinh.pdf", files.pdf().read(), content_type="application/pdf")
    response = login(citizen).post(
        f"/ho-so/{awaiting.code}/bo-sung/", {"label": "Giấy chứng sinh", "file": upload}
    )
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.status == Status.RESUBMITTED
    assert list(awaiting.files.values_list("label", flat=True)) == ["Giấy chứng sinh"]


def test_a_file_that_is_not_a_paper_is_refused_and_nothing_moves(login, citizen, awaiting):
    upload = SimpleUploadedFile("x.pdf", b"not a pdf at all", content_type="application/pdf")
    response = login(citizen).post(f"/ho-so/{awaiting.code}/bo-sung/", {"label": "Giấy", "file": upload})
    assert response.status_code == 422
    awaiting.refresh_from_db()
    assert awaiting.status == Status.SUPPLEMENT_REQUESTED and not awaiting.files.exists()


def test_no_supplement_awaited_offers_no_form(login, citizen, file_birth):
    dossier = file_birth()
    page = login(citizen).get(f"/ho-so/{dossier.code}/bo-sung/").content.decode()
    assert 'type="file"' not in page

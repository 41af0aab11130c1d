"""A dossier's papers go through the platform's one checker and are served with the type xaso
found, nosniff and a sandbox CSP."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.files import FAKE_PDF, POLYGLOT, core_checker_calls, png_claiming
from tests.onestop import files
from xaso.core.errors import InvalidInput
from xaso.onestop.services.filing import dossier_draft_save
from xaso.onestop.services.papers import dossier_file_add

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("content", [POLYGLOT, FAKE_PDF, png_claiming(50_000, 50_000)])
def test_a_hostile_paper_is_refused_by_the_core_checker(monkeypatch, citizen, commune, birth, content):
    draft = dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data={})
    calls = core_checker_calls(monkeypatch)
    with pytest.raises(InvalidInput) as refused:
        dossier_file_add(actor=citizen, dossier=draft, upload=SimpleUploadedFile("giay.pdf", content))
    assert refused.value.field == "file" and calls == ["file"]
    assert not draft.files.exists()


def test_a_paper_is_served_with_its_checked_type_nosniff_and_a_sandbox(
    login, file_birth, citizen, one_stop_officer
):
    dossier = file_birth()
    paper = dossier_file_add(
        actor=one_stop_officer, dossier=dossier, upload=files.image("PNG", name="giay.html")
    )
    assert paper.file.name.endswith(".png") and "giay" not in paper.file.name
    response = login(citizen).get(f"/ho-so/{dossier.code}/giay-to/{paper.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"

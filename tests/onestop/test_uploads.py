import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.onestop import files
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.onestop.services.filing import dossier_draft_save
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.services.papers import dossier_file_add
from xaso.onestop.uploads import MAX_FILES, upload_check

pytestmark = pytest.mark.django_db


def test_pdf_jpeg_and_png_are_recognised_by_content():
    assert upload_check(files.pdf()).content_type == "application/pdf"
    assert upload_check(files.image("PNG")).content_type == "image/png"
    assert upload_check(files.image("JPEG", "a.jpg")).content_type == "image/jpeg"


def test_a_file_named_pdf_that_is_not_one_is_refused():
    with pytest.raises(InvalidInput):
        upload_check(files.fake())


def test_a_real_image_renamed_to_pdf_is_still_recognised_as_an_image():
    assert upload_check(files.image("PNG", name="renamed.pdf")).content_type == "image/png"


def test_other_image_formats_are_refused():
    with pytest.raises(InvalidInput):
        upload_check(files.image("GIF", name="a.gif"))


def test_a_file_over_ten_megabytes_is_refused():
    big = SimpleUploadedFile("big.pdf", files.PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(InvalidInput, match="10 MB"):
        upload_check(big)


def test_an_empty_file_is_refused():
    with pytest.raises(InvalidInput):
        upload_check(SimpleUploadedFile("empty.pdf", b""))


def test_a_citizen_adds_papers_to_their_draft(citizen, commune, birth):
    draft = dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data={})
    stored = dossier_file_add(actor=citizen, dossier=draft, upload=files.pdf(), label="Giấy chứng sinh")
    assert stored.content_type == "application/pdf"
    assert len(stored.sha256) == 64
    assert stored.file.name.endswith(".pdf")


def test_no_more_than_twenty_papers_per_dossier(citizen, commune, birth):
    draft = dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data={})
    for _ in range(MAX_FILES):
        dossier_file_add(actor=citizen, dossier=draft, upload=files.image())
    with pytest.raises(InvalidInput, match="20"):
        dossier_file_add(actor=citizen, dossier=draft, upload=files.image())


def test_the_citizen_cannot_add_papers_once_filed_unless_asked(file_birth, citizen):
    dossier = file_birth()
    with pytest.raises(Conflict):
        dossier_file_add(actor=citizen, dossier=dossier, upload=files.pdf())


def test_a_delivered_dossier_takes_no_more_papers(file_birth, walk, one_stop_officer):
    dossier = walk(file_birth(), "deliver")
    with pytest.raises(Conflict):
        dossier_file_add(actor=one_stop_officer, dossier=dossier, upload=files.pdf())


def test_a_withdrawn_dossier_cannot_be_edited(file_birth, citizen):
    dossier = dossier_act(actor=citizen, dossier=file_birth(), action="withdraw", note="Nộp nhầm")
    with pytest.raises(Conflict):
        dossier_file_add(actor=citizen, dossier=dossier, upload=files.pdf())


def test_an_officer_of_another_commune_cannot_add_papers(file_birth, other_officer):
    with pytest.raises(NotAllowed):
        dossier_file_add(actor=other_officer, dossier=file_birth(), upload=files.pdf())

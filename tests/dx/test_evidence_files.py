import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.files import FAKE_PDF, PDF, POLYGLOT, core_checker_calls, png_claiming
from xaso.core.errors import InvalidInput
from xaso.dx.files import MAX_EVIDENCE_BYTES
from xaso.dx.services import assessments


@pytest.fixture
def a1(dx_set, commune, commune_leader):
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    return a.values.get(indicator__code="A1")


def test_a_pdf_and_a_photo_are_accepted_and_fingerprinted(a1, commune_leader, pdf_file, png_file):
    e = assessments.evidence_add(actor=commune_leader, value=a1, upload=pdf_file())
    assert e.content_type == "application/pdf" and len(e.sha256) == 64
    assert (
        assessments.evidence_add(actor=commune_leader, value=a1, upload=png_file).content_type == "image/png"
    )


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n broken", "image/png"),
        SimpleUploadedFile("trong.pdf", b"", "application/pdf"),
        SimpleUploadedFile("script.html", b"<script>alert(1)</script>", "text/html"),
    ],
    ids=["renamed", "broken-image", "empty", "html"],
)
def test_files_whose_content_is_not_an_allowed_type_are_refused(a1, commune_leader, upload):
    with pytest.raises(InvalidInput) as exc:
        assessments.evidence_add(actor=commune_leader, value=a1, upload=upload)
    assert exc.value.field == "file"


def test_a_file_over_the_size_limit_is_refused(a1, commune_leader):
    big = SimpleUploadedFile(
        "lon.pdf", b"%PDF-1.4\n" + b"0" * MAX_EVIDENCE_BYTES + b"\n%%EOF", "application/pdf"
    )
    with pytest.raises(InvalidInput, match="10 MB"):
        assessments.evidence_add(actor=commune_leader, value=a1, upload=big)


def test_evidence_cannot_be_added_after_submission(filled, commune_leader, pdf_file):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    from xaso.core.errors import Conflict

    with pytest.raises(Conflict):
        assessments.evidence_add(
            actor=commune_leader, value=a.values.get(indicator__code="A1"), upload=pdf_file()
        )


@pytest.mark.parametrize("content", [POLYGLOT, FAKE_PDF, png_claiming(50_000, 50_000)])
def test_hostile_evidence_is_refused_by_the_core_checker(monkeypatch, a1, commune_leader, content):
    calls = core_checker_calls(monkeypatch)
    with pytest.raises(InvalidInput) as exc:
        assessments.evidence_add(actor=commune_leader, value=a1, upload=SimpleUploadedFile("a.pdf", content))
    assert exc.value.field == "file" and calls == ["file"]


def test_evidence_is_stored_under_its_checked_type_and_served_in_a_sandbox(login, a1, commune_leader):
    upload = SimpleUploadedFile("bao-cao.html", PDF, "text/html")
    evidence = assessments.evidence_add(actor=commune_leader, value=a1, upload=upload)
    assert evidence.file.name.endswith(".pdf") and "bao-cao" not in evidence.file.name
    assert evidence.original_name == "bao-cao.html"
    response = login(commune_leader).get(reverse("dx:evidence", args=[evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Security-Policy"] == "sandbox" and response["X-Content-Type-Options"] == "nosniff"
    )

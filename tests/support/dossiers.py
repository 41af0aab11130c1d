"""Form data for the dossiers the tests file, a working-day moment to file them at, and the
required papers attached to a draft."""

from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.files import PDF
from xaso.core.calendar import LOCAL_TZ
from xaso.onestop.required_papers import papers_to_upload
from xaso.onestop.services.papers import dossier_file_add

BIRTH_DATA = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912000001",
    "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
    "relationship": "me",
    "child_name": "Lê Minh An",
    "child_birth_date": "2026-03-01",
    "child_sex": "M",
    "child_birth_place": "Trạm y tế xã Yên Định",
    "child_ethnicity": "Kinh",
    "mother_name": "Trần Thị Bình",
}

MARITAL_DATA = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912000001",
    "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
    "purpose": "ket_hon",
}

# A Tuesday morning, Vietnamese time: no holiday near it.
TUESDAY_9AM = datetime(2026, 3, 10, 9, 0, tzinfo=LOCAL_TZ)


def attach_required_papers(draft, actor) -> None:
    """Upload a small PDF for each paper the draft's procedure requires online."""
    for paper in papers_to_upload(draft.procedure):
        upload = SimpleUploadedFile("giay-to.pdf", PDF, content_type="application/pdf")
        dossier_file_add(actor=actor, dossier=draft, upload=upload, label=paper)

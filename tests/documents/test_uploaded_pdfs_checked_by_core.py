"""Registry documents, meeting files and comment attachments go through the platform's one
checker: stored under a random name with the extension of what they are, served in a sandbox."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.files import FAKE_PDF, PDF, core_checker_calls
from xaso.core.errors import InvalidInput
from xaso.documents.meetings.services import meeting_create, meeting_item_add
from xaso.documents.registry.services import incoming_register


@pytest.fixture
def meeting(media_root, clerk, commune, commune_leader):
    return meeting_create(
        actor=clerk, commune=commune, title="Họp giao ban", starts_at=timezone.now() + dt.timedelta(days=1),
        place="Hội trường", chair=commune_leader, staff=[],
    )  # fmt: skip


def test_a_meeting_file_is_stored_under_a_random_name_and_served_in_a_sandbox(
    monkeypatch, login, clerk, commune_leader, meeting
):
    calls = core_checker_calls(monkeypatch)
    item = meeting_item_add(actor=clerk, meeting=meeting, title="Báo cáo", upload=("bao-cao.html", PDF))
    assert calls == ["file"]
    assert item.file.name.endswith(".pdf") and "bao-cao" not in item.file.name
    assert item.file_name == "bao-cao.html"
    response = login(commune_leader).get(reverse("documents:meeting_pack_file", args=[meeting.code, item.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Security-Policy"] == "sandbox" and response["X-Content-Type-Options"] == "nosniff"
    )


def test_a_fake_pdf_is_refused_for_a_meeting_and_the_registry(clerk, commune, meeting):
    with pytest.raises(InvalidInput) as refused:
        meeting_item_add(actor=clerk, meeting=meeting, title="Báo cáo", upload=("a.pdf", FAKE_PDF))
    assert refused.value.field == "file" and not meeting.agenda_items.exists()
    with pytest.raises(InvalidInput):
        incoming_register(
            actor=clerk, commune=commune, kind="CV", title="Công văn", sender="UBND huyện", pdf=FAKE_PDF
        )


def test_a_registered_document_is_stored_under_a_random_name(monkeypatch, media_root, clerk, commune):
    calls = core_checker_calls(monkeypatch)
    doc = incoming_register(
        actor=clerk, commune=commune, kind="CV", title="Công văn", sender="UBND huyện", pdf=PDF
    )
    assert calls == ["file"] and doc.file.name.endswith(".pdf") and "van-ban" not in doc.file.name

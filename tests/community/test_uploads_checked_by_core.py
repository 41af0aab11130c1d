"""Every community upload (QR page image, feedback photos, announcement attachments) goes
through the platform's one checker: a polyglot or a bomb is refused naming the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.files import POLYGLOT, core_checker_calls, png_claiming
from xaso.community.models import InfoKind
from xaso.community.services.announcements import announcement_create
from xaso.community.services.feedback import feedback_submit
from xaso.community.services.infopages import info_page_create
from xaso.core.errors import InvalidInput

ENTRY_POINTS = {
    "image": lambda officer, commune, upload: info_page_create(
        actor=officer, commune=commune, kind=InfoKind.LANE_MAP, title="Bản đồ", image=upload
    ),
    "photos": lambda officer, commune, upload: feedback_submit(
        actor=None, commune=commune, category="lighting", text="Đèn hỏng.", ip="10.0.0.2", photos=[upload]
    ),
    "attachments": lambda officer, commune, upload: announcement_create(
        actor=officer, commune=commune, title="Thông báo", body="Nội dung.", attachments=[upload]
    ),
}


@pytest.mark.parametrize("field", ENTRY_POINTS)
@pytest.mark.parametrize("content", [POLYGLOT, png_claiming(50_000, 50_000)], ids=["polyglot", "bomb"])
def test_each_upload_is_refused_by_the_core_checker_naming_its_field(
    monkeypatch, one_stop_officer, commune, field, content
):
    calls = core_checker_calls(monkeypatch)
    with pytest.raises(InvalidInput) as refused:
        ENTRY_POINTS[field](one_stop_officer, commune, SimpleUploadedFile("a.png", content))
    assert refused.value.field == field and calls == [field]

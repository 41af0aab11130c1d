"""Paperless meetings: the clerk schedules one with a registry document on its agenda; its one
QR address opens the pack for invited people only (signed in, or through a personal link);
they check in; the chair signs the minutes as a PDF that verifies."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.support.signing import PASSPHRASE, pdfsig
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.core.models import AuditEvent
from xaso.core.pdf import html_to_pdf
from xaso.documents.meetings.links import invitee_token
from xaso.documents.meetings.services import (
    meeting_create,
    meeting_item_add,
    meeting_minutes_save,
    meeting_minutes_sign,
)
from xaso.documents.registry.services import incoming_register
from xaso.documents.signing.selectors import verification_report


@pytest.fixture
def meeting(media_root, clerk, commune, commune_leader, specialist):
    doc = incoming_register(
        actor=clerk,
        commune=commune,
        kind="KH",
        title="Kế hoạch phòng chống bão lũ năm 2027",
        sender="UBND tỉnh Thanh Hóa",
        pdf=html_to_pdf("<p>Kế hoạch phòng chống bão lũ</p>"),
    )
    meeting = meeting_create(
        actor=clerk,
        commune=commune,
        title="Họp triển khai phòng chống bão lũ",
        starts_at=timezone.now() + dt.timedelta(days=1),
        place="Hội trường UBND xã",
        chair=commune_leader,
        staff=[specialist],
        outsiders=[("Ông Lê Văn Bình", "0912345678", "")],
    )
    meeting_item_add(actor=clerk, meeting=meeting, title="Triển khai kế hoạch", document=doc)
    return meeting


def _pack(meeting):
    return reverse("documents:meeting_pack", args=[meeting.code])


def test_a_signed_in_invitee_opens_the_pack_and_its_document(login, meeting, specialist):
    client = login(specialist)
    page = client.get(_pack(meeting)).content.decode()
    assert "Triển khai kế hoạch" in page and "Kế hoạch phòng chống bão lũ năm 2027" in page
    item = meeting.agenda_items.get()
    response = client.get(reverse("documents:meeting_pack_file", args=[meeting.code, item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_guest_from_outside_opens_it_through_the_personal_link_and_checks_in(client, meeting):
    guest = meeting.invitees.get(user__isnull=True)
    response = client.get(_pack(meeting), {"t": invitee_token(guest)})
    assert response.status_code == 200 and "Ông Lê Văn Bình" in response.content.decode()
    # the session remembers the link: the check-in needs no token
    assert client.post(reverse("documents:meeting_check_in", args=[meeting.code])).status_code == 302
    guest.refresh_from_db()
    assert guest.checked_in_at is not None
    assert AuditEvent.objects.filter(action="meeting.check_in").count() == 1


def test_everyone_else_gets_a_polite_refusal(client, login, meeting, one_stop_officer, other_officer):
    response = client.get(_pack(meeting))
    assert response.status_code == 403
    assert "người được mời" in response.content.decode()
    assert "/dang-nhap/" in response.content.decode()
    # staff of the commune who were not invited, and another commune's officer
    for outsider in (one_stop_officer, other_officer):
        assert login(outsider).get(_pack(meeting)).status_code == 403
    item = meeting.agenda_items.get()
    file_url = reverse("documents:meeting_pack_file", args=[meeting.code, item.pk])
    assert login(one_stop_officer).get(file_url).status_code == 403


def test_a_forged_or_foreign_token_opens_nothing(client, meeting, clerk, commune, commune_leader):
    guest = meeting.invitees.get(user__isnull=True)
    token = invitee_token(guest)
    assert client.get(_pack(meeting), {"t": token[:-2] + "xx"}).status_code == 403
    other = meeting_create(
        actor=clerk,
        commune=commune,
        title="Họp khác",
        starts_at=timezone.now(),
        place="Phòng họp",
        chair=commune_leader,
        staff=[],
    )
    assert client.get(_pack(other), {"t": token}).status_code == 403
    assert client.get(reverse("documents:meeting_pack", args=["khong-co"])).status_code == 404


def test_the_chair_signs_the_minutes_which_verify(meeting, commune_leader, leader_credential, tmp_path):
    meeting_minutes_save(actor=commune_leader, meeting=meeting, text="Thống nhất kế hoạch.\n\nGiao các thôn.")
    meeting.refresh_from_db()
    signed = meeting_minutes_sign(
        actor=commune_leader, meeting=meeting, credential=leader_credential, secret=PASSPHRASE
    )
    pdf = signed.minutes_document.file.read()
    assert verification_report(commune_leader, pdf).ok
    assert "Signature is Valid." in pdfsig(pdf, tmp_path)
    with pytest.raises(Exception, match="ký"):
        meeting_minutes_save(actor=commune_leader, meeting=signed, text="Sửa sau khi ký")


def test_only_the_chair_or_a_leader_signs(meeting, specialist, leader_credential, clerk):
    meeting_minutes_save(actor=clerk, meeting=meeting, text="Biên bản")
    meeting.refresh_from_db()
    with pytest.raises(NotAllowed):
        meeting_minutes_sign(
            actor=specialist, meeting=meeting, credential=leader_credential, secret=PASSPHRASE
        )


def test_invitees_must_work_in_the_commune(media_root, clerk, commune, commune_leader, other_officer):
    with pytest.raises(InvalidInput) as caught:
        meeting_create(
            actor=clerk,
            commune=commune,
            title="Họp",
            starts_at=timezone.now(),
            place="Hội trường",
            chair=commune_leader,
            staff=[other_officer],
        )
    assert caught.value.field == "staff"


def test_a_clerk_schedules_from_the_page_and_prints_the_invitation(
    login, clerk, commune_leader, specialist, media_root
):
    client = login(clerk)
    response = client.post(
        reverse("documents:meeting_new"),
        {
            "title": "Họp giao ban tháng 12",
            "starts_at": "2027-01-05T08:00",
            "place": "Phòng họp số 1",
            "chair": commune_leader.pk,
            "staff": [specialist.pk],
            "outsiders": "Bà Nguyễn Thị Hoa; hoa@example.vn",
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Bà Nguyễn Thị Hoa" in page and "?t=" in page and "<svg" in page
    poster = client.get(response.url + "giay-moi.pdf")
    assert poster.status_code == 200 and poster.content.startswith(b"%PDF")


def test_another_communes_officer_cannot_reach_the_meeting_page(login, meeting, other_officer):
    client = login(other_officer)
    assert client.get(reverse("documents:meeting_detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("documents:meeting_poster", args=[meeting.pk])).status_code == 404

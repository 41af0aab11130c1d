import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.files import image_bytes
from xaso.community.models import FeedbackReport, FeedbackStatus
from xaso.community.services.feedback import feedback_answer, feedback_merge, feedback_submit
from xaso.core.errors import InvalidInput, NotAllowed, RateLimited
from xaso.notify.models import Notification

JPEG = image_bytes("JPEG")


def _submit(commune, actor=None, **extra):
    values = {"category": "lighting", "text": "Đèn đường ngõ 3 hỏng một tuần nay.", "ip": "10.0.0.1"}
    values.update(extra)
    return feedback_submit(actor=actor, commune=commune, **values)


def test_a_report_gets_a_tracking_code_and_a_deadline(db, commune, village):
    report = _submit(commune, village=village, photos=[SimpleUploadedFile("a.jpg", JPEG)])
    assert report.tracking_code.startswith("PA-") and len(report.tracking_code) == 11
    assert report.due_on > report.created_at.date()
    assert report.photos.get().content_type == "image/jpeg"


def test_an_anonymous_report_keeps_no_identity(citizen, commune):
    report = _submit(commune, actor=citizen, anonymous=True, name="Trần Thị Bình", phone="0912000001")
    assert (report.reporter, report.reporter_name, report.reporter_phone) == (None, "", "")


def test_the_public_board_hides_who_reported(client, commune, citizen):
    _submit(commune, actor=citizen, name="Trần Thị Bình", phone="0912000001")
    body = client.get(reverse("community:feedback_board", args=[commune.code])).content.decode()
    assert "Đèn đường ngõ 3" in body
    assert "Trần Thị Bình" not in body and "0912000001" not in body


def test_photos_are_checked_by_content_and_counted(db, commune):
    with pytest.raises(InvalidInput):
        _submit(commune, photos=[SimpleUploadedFile("a.jpg", b"%PDF-1.4")])
    with pytest.raises(InvalidInput):
        _submit(commune, photos=[SimpleUploadedFile(f"{i}.jpg", JPEG) for i in range(4)])


def test_reports_are_limited_per_address_and_per_phone(db, commune):
    for i in range(5):
        _submit(commune, ip="10.0.0.9", phone="" if i > 1 else "0912000007")
    with pytest.raises(RateLimited):
        _submit(commune, ip="10.0.0.9")
    _submit(commune, ip="10.0.0.10", phone="0912000007")
    with pytest.raises(RateLimited):
        _submit(commune, ip="10.0.0.11", phone="0912000007")


def test_an_officer_answers_publicly_and_the_reporter_is_told(one_stop_officer, commune, citizen, client):
    report = _submit(commune, actor=citizen)
    feedback_answer(actor=one_stop_officer, report=report, answer="Đã thay bóng đèn.", resolve=True)
    report.refresh_from_db()
    assert report.status == FeedbackStatus.RESOLVED and report.resolved_at
    assert Notification.objects.filter(recipient=citizen, link__contains=report.tracking_code).exists()
    page = client.get(reverse("community:feedback_track", args=[report.tracking_code])).content.decode()
    assert "Đã thay bóng đèn." in page


def test_a_duplicate_is_merged_into_the_first_report(one_stop_officer, commune):
    first, again = _submit(commune), _submit(commune)
    feedback_merge(actor=one_stop_officer, report=again, into=first)
    again.refresh_from_db()
    assert (again.status, again.duplicate_of) == (FeedbackStatus.MERGED, first)
    with pytest.raises(InvalidInput):
        feedback_merge(actor=one_stop_officer, report=first, into=first)


def test_an_officer_of_another_commune_cannot_handle_it(other_officer, commune, login):
    report = _submit(commune)
    with pytest.raises(NotAllowed):
        feedback_answer(actor=other_officer, report=report, answer="x")
    client = login(other_officer)
    assert client.get(reverse("community:feedback_handle", args=[report.pk])).status_code == 404
    assert report.tracking_code not in client.get(reverse("community:feedback_queue")).content.decode()


def test_the_public_form_sends_and_shows_the_code(client, commune, village):
    response = client.post(
        reverse("community:feedback_new", args=[commune.code]),
        {"category": "roads", "text": "Ổ gà lớn trước nhà văn hóa", "village": village.pk, "anonymous": "on"},
    )
    report = FeedbackReport.objects.get()
    assert response["Location"] == reverse("community:feedback_track", args=[report.tracking_code])
    assert report.anonymous


def test_the_officer_page_shows_the_reporter_to_staff_only(login, one_stop_officer, commune):
    report = _submit(commune, name="Lê Văn Tâm", phone="0912000008")
    page = (
        login(one_stop_officer).get(reverse("community:feedback_handle", args=[report.pk])).content.decode()
    )
    assert "Lê Văn Tâm" in page

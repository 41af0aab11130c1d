"""The commune portal shows the latest published announcements with the RSS and Atom feeds, and
the feedback form and public board with the latest reports, never who sent them; with nothing
yet each says so plainly."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from xaso.community.services.announcements import announcement_create
from xaso.community.services.feedback import feedback_submit


def test_the_portal_lists_published_announcements_and_their_feeds(client, one_stop_officer, commune):
    shown = announcement_create(actor=one_stop_officer, commune=commune, title="Lịch tiêm chủng", body="…")
    announcement_create(
        actor=one_stop_officer,
        commune=commune,
        title="Chưa đến giờ đăng",
        body="…",
        publish_at=timezone.now() + timedelta(days=2),
    )
    body = client.get(f"/xa/{commune.code}/").content.decode()
    assert "Lịch tiêm chủng" in body
    assert reverse("community:public_announcement", args=[commune.code, shown.pk]) in body
    assert "Chưa đến giờ đăng" not in body
    assert reverse("community:feed_rss", args=[commune.code]) in body
    assert reverse("community:feed_atom", args=[commune.code]) in body
    assert reverse("community:public_announcements", args=[commune.code]) in body


def test_the_portal_shows_the_feedback_form_and_the_latest_reports_without_the_reporter(
    client, citizen, commune
):
    feedback_submit(
        actor=citizen, commune=commune, category="lighting", text="Đèn đường ngõ 4 tắt đã một tuần.",
        name="Trần Thị Bình", phone="0912345678",
    )  # fmt: skip
    body = client.get(f"/xa/{commune.code}/").content.decode()
    assert reverse("community:feedback_new", args=[commune.code]) in body
    assert reverse("community:feedback_board", args=[commune.code]) in body
    assert "Đèn đường ngõ 4 tắt" in body
    assert "Trần Thị Bình" not in body and "0912345678" not in body


def test_an_empty_commune_says_there_is_nothing_yet(client, commune):
    body = client.get(f"/xa/{commune.code}/").content.decode()
    assert "Hiện chưa có thông báo nào." in body
    assert "Chưa có phản ánh" in body
    assert reverse("community:feedback_new", args=[commune.code]) in body

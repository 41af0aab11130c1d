from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.files import PDF
from xaso.community.services.announcements import announcement_create
from xaso.core.errors import InvalidInput


@pytest.fixture
def published(one_stop_officer, commune, village, other_village):
    def make(title, **extra):
        return announcement_create(actor=one_stop_officer, commune=commune, title=title, body="B", **extra)

    return {
        "all": make("Toàn xã"),
        "mine": make("Riêng Phúc Lộc", villages=[village]),
        "theirs": make("Riêng Đông Sơn", villages=[other_village]),
        "future": make("Sắp tới", publish_at=timezone.now() + timedelta(days=1)),
    }


def test_the_public_page_lists_published_announcements_only(client, commune, published):
    body = client.get(reverse("community:public_announcements", args=[commune.code])).content.decode()
    assert "Toàn xã" in body and "Riêng Đông Sơn" in body
    assert "Sắp tới" not in body


def test_an_expired_announcement_leaves_the_public_page(client, commune, published):
    type(published["all"]).objects.filter(pk=published["all"].pk).update(expires_at=timezone.now())
    body = client.get(reverse("community:public_announcements", args=[commune.code])).content.decode()
    assert "Toàn xã" not in body
    url = reverse("community:public_announcement", args=[commune.code, published["all"].pk])
    assert client.get(url).status_code == 404


def test_the_commune_rss_feed_lists_its_announcements(client, commune, published):
    response = client.get(reverse("community:feed_rss", args=[commune.code]))
    assert response["Content-Type"].startswith("application/rss+xml")
    titles = [t.text for t in ElementTree.fromstring(response.content).iter("item") for t in t.iter("title")]  # noqa: S314
    assert sorted(titles) == ["Riêng Phúc Lộc", "Riêng Đông Sơn", "Toàn xã"]


def test_a_village_atom_feed_has_commune_wide_and_its_own_announcements(client, commune, village, published):
    response = client.get(reverse("community:village_feed_atom", args=[commune.code, village.pk]))
    assert response["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = sorted(
        e.find("a:title", ns).text
        for e in ElementTree.fromstring(response.content).findall("a:entry", ns)  # noqa: S314
    )
    assert titles == ["Riêng Phúc Lộc", "Toàn xã"]


def test_a_village_of_another_commune_has_no_feed_here(client, commune, other_commune):
    from tests import factories as f

    foreign = f.village(other_commune, "Thôn Lạ")
    assert (
        client.get(reverse("community:village_feed_rss", args=[commune.code, foreign.pk])).status_code == 404
    )


def test_a_pdf_attachment_is_kept_and_served_on_the_public_page(client, one_stop_officer, commune):
    announcement = announcement_create(
        actor=one_stop_officer, commune=commune, title="Kế hoạch", body="B",
        attachments=[SimpleUploadedFile("ke-hoach.pdf", PDF)],
    )  # fmt: skip
    attachment = announcement.attachments.get()
    assert attachment.content_type == "application/pdf"
    page = client.get(
        reverse("community:public_announcement", args=[commune.code, announcement.pk])
    ).content.decode()
    assert "ke-hoach.pdf" in page
    response = client.get(reverse("community:attachment", args=[attachment.pk]))
    assert b"".join(response.streaming_content) == PDF


def test_an_attachment_is_checked_by_its_content_not_its_name(one_stop_officer, commune):
    with pytest.raises(InvalidInput) as error:
        announcement_create(
            actor=one_stop_officer, commune=commune, title="T", body="B",
            attachments=[SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 this is an exe")],
        )  # fmt: skip
    assert error.value.field == "attachments"


def test_the_attachment_of_a_future_announcement_is_not_public(client, one_stop_officer, commune):
    tomorrow = timezone.now() + timedelta(days=1)
    announcement = announcement_create(
        actor=one_stop_officer, commune=commune, title="T", body="B", publish_at=tomorrow,
        attachments=[SimpleUploadedFile("a.pdf", PDF)],
    )  # fmt: skip
    assert (
        client.get(reverse("community:attachment", args=[announcement.attachments.get().pk])).status_code
        == 404
    )

"""A control character in an announcement once made the commune's RSS and Atom feeds a 500 for
everyone (XML cannot carry it). Announcements are saved without them, and the feeds drop any an
older row still holds."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from xaso.community.models import Announcement
from xaso.community.services.announcements import announcement_create

pytestmark = pytest.mark.django_db

NASTY = "Họp\x00 dân\x01 thôn\x0b\x1f\x7f\ufffe"
LEGACY = "Họp dân\x01 thôn\x0b\x1f"  # what an older row may hold (PostgreSQL never stored NUL)


def test_an_announcement_is_saved_without_control_characters(one_stop_officer, commune):
    made = announcement_create(
        actor=one_stop_officer, commune=commune, title=NASTY, body=f"Nội dung\x08{NASTY}"
    )
    made.refresh_from_db()
    assert made.title == "Họp dân thôn"
    assert made.body == "Nội dungHọp dân thôn"


@pytest.mark.parametrize("feed", ["community:feed_rss", "community:feed_atom"])
def test_the_commune_feeds_stay_valid_xml_when_a_row_holds_a_control_character(
    client, one_stop_officer, commune, feed
):
    made = announcement_create(actor=one_stop_officer, commune=commune, title="Họp dân", body="Nội dung")
    Announcement.objects.filter(pk=made.pk).update(title=LEGACY, body=LEGACY)  # a row from before the fix
    response = client.get(reverse(feed, args=[commune.code]))
    assert response.status_code == 200
    ElementTree.fromstring(response.content)  # noqa: S314 -- our own feed
    assert "Họp dân thôn" in response.content.decode()


def test_a_village_feed_stays_valid_xml_too(client, one_stop_officer, commune, village):
    made = announcement_create(actor=one_stop_officer, commune=commune, title="Họp dân", body="Nội dung")
    Announcement.objects.filter(pk=made.pk).update(body=LEGACY)
    response = client.get(reverse("community:village_feed_atom", args=[commune.code, village.pk]))
    assert response.status_code == 200
    ElementTree.fromstring(response.content)  # noqa: S314 -- our own feed

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from tests.support.households import household
from xaso.community.models import Delivery, ReachedHow
from xaso.community.services import announcements
from xaso.community.services.announcements import announcement_create
from xaso.community.services.fanout import ACK_SALT, ack_token


@pytest.fixture
def delivery(one_stop_officer, commune, village):
    household(commune, village, "HK-1")
    announcement_create(actor=one_stop_officer, commune=commune, title="Tiêm phòng", body="Sáng mai")
    return Delivery.objects.get()


def test_opening_the_link_shows_the_announcement_without_confirming(client, delivery):
    response = client.get(reverse("community:ack", args=[ack_token(delivery.pk)]))
    assert response.status_code == 200
    assert "Tiêm phòng" in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.reached_at is None  # link previews and crawlers do not count as a reply


def test_one_tap_confirms_and_a_second_tap_changes_nothing(client, delivery):
    url = reverse("community:ack", args=[ack_token(delivery.pk)])
    assert 'id="ack-done"' in client.post(url).content.decode()
    delivery.refresh_from_db()
    first = delivery.reached_at
    assert (delivery.reached_how, first is not None) == (ReachedHow.LINK, True)
    client.post(url)
    delivery.refresh_from_db()
    assert delivery.reached_at == first


def test_a_forged_link_is_refused_politely(client, delivery):
    token = ack_token(delivery.pk)
    forged_id = signing.dumps(delivery.pk + 1, salt=ACK_SALT)[:-3] + "abc"
    other_salt = signing.dumps(delivery.pk, salt="something.else")
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), forged_id, other_salt, "nonsense"):
        response = client.post(reverse("community:ack", args=[bad]))
        assert response.status_code == 400, bad
        assert "không hợp lệ" in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.reached_at is None


def test_a_link_for_someone_else_cannot_be_made_from_ones_own(
    delivery, commune, village, one_stop_officer, client
):
    household(commune, village, "HK-2")
    announcement_create(actor=one_stop_officer, commune=commune, title="Khác", body="B")
    mine = ack_token(delivery.pk)
    other = Delivery.objects.exclude(pk=delivery.pk).first()
    _value, timestamp, signature = mine.split(":")
    swapped = f"{signing.b62_encode(other.pk)}:{timestamp}:{signature}"
    assert client.post(reverse("community:ack", args=[swapped])).status_code == 400
    other.refresh_from_db()
    assert other.reached_at is None


def test_an_old_link_is_answered_politely(client, delivery, monkeypatch):
    monkeypatch.setattr(announcements, "ACK_MAX_AGE", timedelta(seconds=-1))
    response = client.post(reverse("community:ack", args=[ack_token(delivery.pk)]))
    assert response.status_code == 410
    assert "Không cần làm gì thêm" in response.content.decode()


def test_a_link_of_an_expired_announcement_is_answered_politely(client, delivery):
    type(delivery.announcement).objects.filter(pk=delivery.announcement_id).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.post(reverse("community:ack", args=[ack_token(delivery.pk)]))
    assert response.status_code == 410
    delivery.refresh_from_db()
    assert delivery.reached_at is None

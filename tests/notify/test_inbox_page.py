from django.urls import reverse

from tests import factories as f
from xaso.notify.models import Notification
from xaso.notify.services import notify_send


def test_the_inbox_shows_only_the_signed_in_users_notifications(citizen, login):
    other = f.citizen(phone="0912000099", full_name="Lê Văn Khác")
    notify_send(recipient=citizen, subject="Mine", body="for me", channels=["inapp"])
    notify_send(recipient=other, subject="Theirs", body="not for me", channels=["inapp"])
    response = login(citizen).get(reverse("notify:inbox"))
    assert response.status_code == 200
    assert "Mine" in response.content.decode()
    assert "Theirs" not in response.content.decode()


def test_opening_a_notification_marks_it_read_and_follows_its_link(citizen, login):
    notify_send(recipient=citizen, subject="S", body="B", link="/ho-so-ca-nhan/", channels=["inapp"])
    note = Notification.objects.get()
    response = login(citizen).post(reverse("notify:open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/ho-so-ca-nhan/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_link_to_another_site_is_not_followed(citizen, login):
    notify_send(recipient=citizen, subject="S", body="B", link="https://evil.example/", channels=["inapp"])
    note = Notification.objects.get()
    response = login(citizen).post(reverse("notify:open", args=[note.pk]))
    assert response["Location"] == reverse("notify:inbox")


def test_nobody_opens_another_persons_notification(citizen, login):
    other = f.citizen(phone="0912000099")
    notify_send(recipient=other, subject="S", body="B", channels=["inapp"])
    note = Notification.objects.get()
    assert login(citizen).post(reverse("notify:open", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read_clears_the_unread_count(citizen, login):
    for i in range(3):
        notify_send(recipient=citizen, subject=f"S{i}", body="B", channels=["inapp"])
    client = login(citizen)
    client.post(reverse("notify:mark_all_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_inbox_asks_a_visitor_to_sign_in(client, db):
    response = client.get(reverse("notify:inbox"))
    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]

import pytest
from django.db import transaction

from xaso.notify.channels import Recipient
from xaso.notify.models import Notification, OutboxMessage, OutboxStatus
from xaso.notify.services import notify_send


class Boom(Exception):
    pass


def test_a_rolled_back_caller_leaves_no_notification_and_no_outbox_row(citizen):
    citizen.email = "binh@example.vn"
    citizen.save()
    with pytest.raises(Boom), transaction.atomic():
        notify_send(recipient=citizen, subject="Hello", body="Body")
        raise Boom
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_it_writes_the_inbox_row_and_an_outbox_row_per_external_channel(citizen, mailoutbox):
    citizen.email = "binh@example.vn"
    citizen.save()
    written = notify_send(recipient=citizen, subject="Lịch tiêm", body="Thứ bảy", link="/x/")
    assert written == 2
    note = Notification.objects.get(recipient=citizen)
    assert (note.subject, note.link, note.read_at) == ("Lịch tiêm", "/x/", None)
    row = OutboxMessage.objects.get()
    assert (row.channel, row.address, row.status) == ("email", "binh@example.vn", OutboxStatus.PENDING)
    assert mailoutbox == []  # nothing leaves before the caller commits


def test_delivery_starts_only_after_commit(citizen, mailoutbox, django_capture_on_commit_callbacks):
    citizen.email = "binh@example.vn"
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify_send(recipient=citizen, subject="Họp thôn", body="19h tối nay")
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert [m.subject for m in mailoutbox] == ["Họp thôn"]
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_a_channel_without_an_address_is_skipped(citizen):
    assert notify_send(recipient=citizen, subject="S", body="B", channels=["inapp", "email", "zalo"]) == 1
    assert not OutboxMessage.objects.exists()


def test_a_person_without_an_account_can_be_reached_by_address_only(db, mailoutbox):
    who = Recipient(name="Hộ ông Tâm", email="tam@example.vn")
    assert notify_send(recipient=who, subject="S", body="B") == 1
    assert not Notification.objects.exists()
    assert OutboxMessage.objects.get().address == "tam@example.vn"

from datetime import timedelta

import pytest
from django.utils import timezone

from xaso.notify.channels import Recipient
from xaso.notify.delivery import outbox_process, outbox_requeue, queue
from xaso.notify.models import OutboxMessage, OutboxStatus
from xaso.notify.services import notify_send


@pytest.fixture
def sms(settings, gateway):
    settings.NOTIFY_SMS_URL = gateway.url + "/sms"
    settings.NOTIFY_RETRY_BASE_SECONDS = 30
    settings.NOTIFY_RETRY_MAX_SECONDS = 600
    settings.NOTIFY_MAX_ATTEMPTS = 3
    return gateway


def _make_due():
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_backoff_doubles_and_is_capped(settings):
    settings.NOTIFY_RETRY_BASE_SECONDS = 30
    settings.NOTIFY_RETRY_MAX_SECONDS = 100
    assert [queue.backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 100, 100]


def test_a_busy_gateway_is_retried_later_then_the_message_is_dead(db, sms):
    sms.status = 503
    notify_send(recipient=Recipient(phone="0912345678"), subject="S", body="B", channels=["sms"])
    before = timezone.now()
    outbox_process()
    row = OutboxMessage.objects.get()
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert timedelta(seconds=29) < row.next_attempt_at - before < timedelta(seconds=45)
    assert outbox_process().handled == 0  # not due yet
    _make_due()
    outbox_process()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 2)
    assert row.next_attempt_at - timezone.now() > timedelta(seconds=55)
    _make_due()
    outbox_process()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxStatus.DEAD, 3)
    assert "503" in row.last_error
    assert len(sms.requests) == 3


def test_a_rejected_request_is_dead_at_once(db, sms):
    sms.status = 400
    notify_send(recipient=Recipient(phone="0912345678"), subject="S", body="B", channels=["sms"])
    outbox_process()
    assert OutboxMessage.objects.get().status == OutboxStatus.DEAD


def test_a_dead_message_can_be_requeued_and_then_delivered(db, sms):
    sms.status = 400
    notify_send(recipient=Recipient(phone="0912345678"), subject="S", body="B", channels=["sms"])
    outbox_process()
    sms.status = 200
    assert outbox_requeue(message_ids=OutboxMessage.objects.values_list("pk", flat=True)) == 1
    outbox_process()
    row = OutboxMessage.objects.get()
    assert row.status == OutboxStatus.SENT
    assert row.last_error == ""


def test_a_broken_channel_never_blocks_the_others(db, settings, mailoutbox):
    settings.NOTIFY_SMS_URL = "http://127.0.0.1:9/unreachable"
    who = Recipient(phone="0912345678", email="an@example.vn")
    notify_send(recipient=who, subject="S", body="B", channels=["sms", "email"])
    outbox_process()
    by_channel = dict(OutboxMessage.objects.values_list("channel", "status"))
    assert by_channel == {"sms": OutboxStatus.PENDING, "email": OutboxStatus.SENT}
    assert len(mailoutbox) == 1

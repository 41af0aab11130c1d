from xaso.notify.models import OutboxMessage, OutboxStatus
from xaso.notify.services import notify_send


def test_an_email_reaches_a_real_smtp_server_with_the_outbox_uid_as_message_id(
    citizen, smtp_server, django_capture_on_commit_callbacks
):
    citizen.email = "binh@example.vn"
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify_send(
            recipient=citizen,
            subject="Thông báo lịch tiêm chủng",
            body="Mời gia đình đưa cháu đi tiêm.",
            link="/thong-bao/",
            channels=["email"],
        )
    row = OutboxMessage.objects.get()
    assert row.status == OutboxStatus.SENT
    [got] = smtp_server.messages
    assert got["to"] == ["binh@example.vn"]
    message = got["message"]
    assert message["Subject"] == "Thông báo lịch tiêm chủng"
    assert str(row.uid) in message["Message-ID"]
    text = message.get_content()
    assert "Mời gia đình đưa cháu đi tiêm." in text
    assert "/thong-bao/" in text


def test_an_unreachable_smtp_server_leaves_the_message_waiting_for_a_retry(
    citizen, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    citizen.email = "binh@example.vn"
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify_send(recipient=citizen, subject="S", body="B", channels=["email"])
    row = OutboxMessage.objects.get()
    assert row.status == OutboxStatus.PENDING
    assert row.attempts == 1
    assert row.next_attempt_at > row.created_at
    assert "Error" in row.last_error

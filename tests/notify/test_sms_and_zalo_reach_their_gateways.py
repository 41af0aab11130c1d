import pytest

from xaso.notify.channels import Recipient
from xaso.notify.models import OutboxMessage, OutboxStatus
from xaso.notify.services import notify_send


@pytest.fixture
def sms(settings, gateway):
    settings.NOTIFY_SMS_URL = gateway.url + "/api/sms/send"
    settings.NOTIFY_SMS_TOKEN = "sms-secret"
    return gateway


@pytest.fixture
def zalo(settings, gateway):
    settings.NOTIFY_ZALO_BASE_URL = gateway.url + "/"
    settings.NOTIFY_ZALO_TOKEN = "oa-token"
    return gateway


def test_an_sms_is_posted_to_the_gateway_with_token_and_idempotency_key(
    db, sms, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify_send(
            recipient=Recipient(phone="0912345678"),
            subject="S",
            body="Lịch cắt điện thôn Phúc Lộc",
            link="/xa/15469/",
            channels=["sms"],
        )
    row = OutboxMessage.objects.get()
    [request] = sms.requests
    assert request["path"] == "/api/sms/send"
    assert request["headers"]["authorization"] == "Bearer sms-secret"
    assert request["headers"]["idempotency-key"] == str(row.uid)
    assert request["json"]["to"] == "0912345678"
    assert request["json"]["client_ref"] == str(row.uid)
    assert request["json"]["text"] == f"Lịch cắt điện thôn Phúc Lộc\n\n{settings.SITE_URL}/xa/15469/"
    assert row.status == OutboxStatus.SENT
    assert row.provider_id == "prov-1"


def test_a_zalo_message_is_posted_to_the_official_account_api(db, zalo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify_send(recipient=Recipient(zalo_id="8412345"), subject="Họp thôn", body="19h", channels=["zalo"])
    [request] = zalo.requests
    assert request["path"] == "/v3.0/oa/message/cs"
    assert request["headers"]["access_token"] == "oa-token"
    assert request["json"]["recipient"] == {"user_id": "8412345"}
    assert request["json"]["message"]["text"].startswith("Họp thôn\n19h")
    row = OutboxMessage.objects.get()
    assert (row.status, row.provider_id) == (OutboxStatus.SENT, "prov-1")


def test_a_zalo_error_answer_is_a_permanent_failure(db, zalo, django_capture_on_commit_callbacks):
    zalo.answer = {"error": -201, "message": "user_id is invalid"}
    with django_capture_on_commit_callbacks(execute=True):
        notify_send(recipient=Recipient(zalo_id="x"), subject="S", body="B", channels=["zalo"])
    row = OutboxMessage.objects.get()
    assert row.status == OutboxStatus.DEAD
    assert "-201" in row.last_error


def test_an_unconfigured_channel_writes_no_row(db, settings):
    settings.NOTIFY_SMS_URL = ""
    assert notify_send(recipient=Recipient(phone="0912345678"), subject="S", body="B", channels=["sms"]) == 0
    assert not OutboxMessage.objects.exists()

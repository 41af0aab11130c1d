"""Someone who forgot their password gets a one-time code by SMS (phone) or e-mail through
notify. The code is single-use and expires; five wrong codes back off; the answers never tell
whether an account exists; a reset ends the user's tokens and every session."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests import factories as f
from xaso.accounts.models import ApiToken, PasswordResetCode
from xaso.accounts.services import api_token_issue
from xaso.notify.models import OutboxMessage

NEW = "mot-mat-khau-moi-dai"


@pytest.fixture(autouse=True)
def sms_gateway(settings):
    settings.NOTIFY_SMS_URL = "http://sms.test/send"
    cache.clear()


def ask(client, identifier):
    return client.post("/quen-mat-khau/", {"identifier": identifier})


def confirm(client, identifier, code, password=NEW):
    return client.post(
        "/quen-mat-khau/nhap-ma/", {"identifier": identifier, "code": code, "new_password": password}
    )


def sent_code(channel):
    message = OutboxMessage.objects.filter(channel=channel).latest("created_at")
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def wrong(code):
    return f"{(int(code) + 1) % 10**6:06d}"


def test_the_sign_in_page_links_to_the_reset(client, db):
    page = client.get("/dang-nhap/").content.decode()
    assert 'href="/quen-mat-khau/"' in page and "Quên mật khẩu?" in page


def test_a_code_sent_by_sms_sets_a_new_password_once(client, citizen):
    api_token_issue(user=citizen)
    signed_in = Client()
    signed_in.force_login(citizen, backend="xaso.accounts.backends.LoginBackend")
    response = ask(client, "+84 912 000 001")
    assert response.status_code == 302
    code = sent_code("sms")
    assert not PasswordResetCode.objects.filter(code_hash__contains=code).exists()
    assert confirm(client, "0912000001", code).status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW)
    assert ApiToken.objects.get(user=citizen).revoked_at is not None
    assert signed_in.get("/ho-so-ca-nhan/").status_code == 302
    again = confirm(client, "0912000001", code, password="lai-mot-mat-khau-khac")
    assert again.status_code == 422
    assert "Mã không đúng hoặc đã hết hạn" in again.content.decode()


def test_an_email_gets_its_code_by_email(client, db):
    user = f.user("an@example.vn", email="an@example.vn")
    ask(client, "AN@example.vn")
    assert confirm(client, "an@example.vn", sent_code("email")).status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_an_unknown_account_gets_the_same_answers(client, citizen):
    known = ask(client, "0912000001")
    unknown = ask(Client(), "0987654321")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert OutboxMessage.objects.filter(address="0987654321").count() == 0
    refused = confirm(client, "0987654321", "123456")
    assert refused.status_code == 422
    assert "Mã không đúng hoặc đã hết hạn" in refused.content.decode()


def test_an_expired_code_is_refused(client, citizen):
    ask(client, "0912000001")
    code = sent_code("sms")
    PasswordResetCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert confirm(client, "0912000001", code).status_code == 422
    citizen.refresh_from_db()
    assert not citizen.check_password(NEW)


def test_five_wrong_codes_back_off_even_the_right_one(client, citizen):
    ask(client, "0912000001")
    code = sent_code("sms")
    for _ in range(5):
        assert confirm(client, "0912000001", wrong(code)).status_code == 422
    response = confirm(client, "0912000001", code)
    assert response.status_code == 429
    assert "Nhập sai mã quá nhiều lần" in response.content.decode()
    citizen.refresh_from_db()
    assert not citizen.check_password(NEW)

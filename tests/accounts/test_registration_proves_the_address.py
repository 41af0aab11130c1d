"""Issue 16, LOW: registration is no oracle of who has an account, and a phone number (or, without
one, an e-mail) is proved by a one-time code before any account exists."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests import factories as f
from xaso.accounts.models import PendingSignup, User
from xaso.notify.models import OutboxMessage

# The commune is chosen by name on the first step (tests/web/test_registration_picks_the_commune_by_name.py).
DETAILS = {"full_name": "Lê Thị Hạnh", "password": "mat-khau-dai-2026", "commune": "15469"}


@pytest.fixture(autouse=True)
def sms_gateway(settings, commune):
    # Unreachable: the message stays in the outbox, where the test reads its code.
    settings.NOTIFY_SMS_URL = "http://127.0.0.1:9/sms"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def register(client, **fields):
    return client.post("/dang-ky/", {**DETAILS, **fields})


def code_sent_to(address):
    message = OutboxMessage.objects.filter(address=address).latest("created_at")
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def confirm(client, code):
    return client.post("/dang-ky/xac-nhan/", {"code": code})


def test_no_account_exists_until_the_code_from_the_sms_is_given(client, db):
    response = register(client, phone="0911 222 333")
    assert response.status_code == 302
    assert response["Location"] == "/dang-ky/xac-nhan/"
    assert not User.objects.filter(phone="0911222333").exists()
    assert OutboxMessage.objects.get(address="0911222333").channel == "sms"
    page = client.get("/dang-ky/xac-nhan/").content.decode()
    assert "091****333" in page
    response = confirm(client, code_sent_to("0911222333"))
    assert response.status_code == 302
    assert response["Location"] == "/bang-dieu-khien/"
    user = User.objects.get(phone="0911222333")
    assert user.is_active and user.profile.full_name == "Lê Thị Hạnh"
    assert not PendingSignup.objects.exists()


def answer_of(client, **fields):
    response = register(client, **fields)
    page = client.get("/dang-ky/xac-nhan/")
    body = re.sub(r"\d{3}\*{4}\d{3}|\w\*\*\*@[\w.]+", "ADDRESS", page.content.decode())
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return response.status_code, response.get("Location"), page.status_code, body


@pytest.mark.parametrize(
    ("taken", "free"),
    [
        ({"phone": "0912345678"}, {"phone": "0912000999"}),
        ({"email": "hanh@example.vn"}, {"email": "lan@example.vn"}),
    ],
)
def test_a_taken_and_a_free_address_get_the_same_answer(client, django_user_model, commune, taken, free):
    owner = f.citizen(commune_obj=commune, phone="0912345678")
    owner.email = "hanh@example.vn"
    owner.save()
    users = User.objects.count()
    taken_answer = answer_of(client, **{k: v.upper() for k, v in taken.items()})
    client.cookies.clear()
    free_answer = answer_of(client, **free)
    assert taken_answer == free_answer
    assert taken_answer[0] == 302
    assert User.objects.count() == users
    # The code goes to both, by the address's own channel.
    assert OutboxMessage.objects.filter(address__in=[*taken.values(), *free.values()]).count() == 2


def test_the_holder_of_a_taken_number_is_told_once_they_prove_it(client, commune):
    f.citizen(commune_obj=commune, phone="0912345678")
    register(client, phone="+84 912 345 678")
    response = confirm(client, code_sent_to("0912345678"))
    assert response.status_code == 422
    assert "Số điện thoại này đã có tài khoản" in response.content.decode()
    assert User.objects.filter(phone="0912345678").count() == 1


def test_an_e_mail_registration_is_proved_by_a_code_by_e_mail(client, db):
    register(client, email="Lan@Example.vn")
    assert OutboxMessage.objects.get(address="lan@example.vn").channel == "email"
    assert confirm(client, code_sent_to("lan@example.vn")).status_code == 302
    assert User.objects.get(email="lan@example.vn").is_active


def test_five_wrong_codes_block_the_number_and_the_right_one_too(client, db):
    register(client, phone="0911222333")
    right = code_sent_to("0911222333")
    wrong = "000000" if right != "000000" else "111111"
    codes = [confirm(client, wrong).status_code for _ in range(5)]
    assert codes == [422, 422, 422, 422, 429]
    response = confirm(client, right)
    assert response.status_code == 429
    assert "Nhập sai mã quá nhiều lần" in response.content.decode()
    # Registering again does not lift the block.
    assert register(client, phone="0911222333").status_code == 429
    assert not User.objects.filter(phone="0911222333").exists()
    # Once it ends, a new code works; the count goes on (the next block would be longer).
    PendingSignup.objects.update(blocked_until=timezone.now() - timedelta(seconds=1))
    register(client, phone="0911222333")
    assert PendingSignup.objects.get().failures == 5
    assert confirm(client, code_sent_to("0911222333")).status_code == 302


def test_wrong_codes_block_for_longer_each_time(client, db):
    register(client, phone="0911222333")
    for _ in range(5):
        confirm(client, "abcdef")
    first = PendingSignup.objects.get().blocked_until - timezone.now()
    PendingSignup.objects.update(blocked_until=timezone.now() - timedelta(seconds=1))
    register(client, phone="0911222333")
    for _ in range(5):
        confirm(client, "abcdef")
    second = PendingSignup.objects.get().blocked_until - timezone.now()
    assert timedelta(minutes=14) < first <= timedelta(minutes=15)
    assert timedelta(minutes=29) < second <= timedelta(minutes=30)


def test_strangers_cannot_flood_a_number_with_codes(client, db, settings):
    settings.XASO_RATE_LIMITS = {"accounts.signup_code": (2, 3600)}
    codes = [register(client, phone="0911222333").status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert OutboxMessage.objects.filter(address="0911222333").count() == 2


def test_an_expired_code_is_refused(client, db):
    register(client, phone="0911222333")
    PendingSignup.objects.update(expires_at=timezone.now())
    response = confirm(client, code_sent_to("0911222333"))
    assert response.status_code == 422
    assert not User.objects.filter(phone="0911222333").exists()


def test_the_code_page_without_a_registration_goes_back_to_the_form(client, db):
    assert client.get("/dang-ky/xac-nhan/")["Location"] == "/dang-ky/"

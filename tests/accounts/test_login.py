import re

import pytest

from tests.factories import PASSWORD


@pytest.fixture
def citizen_with_email(commune):
    from tests import factories as f

    u = f.citizen(commune_obj=commune, phone="0987654321")
    u.email = "binh@example.vn"
    u.save()
    return u


@pytest.mark.parametrize(
    "identifier", ["0987654321", "+84 987 654 321", "binh@example.vn", "BINH@example.vn"]
)
def test_a_citizen_signs_in_by_phone_or_email(client, citizen_with_email, identifier):
    response = client.post("/dang-nhap/", {"username": identifier, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/bang-dieu-khien/"


def test_staff_sign_in_by_username(client, one_stop_officer):
    response = client.post("/dang-nhap/", {"username": "motcua", "password": PASSWORD})
    assert response.status_code == 302


def test_a_wrong_password_gets_a_vietnamese_message_and_keeps_the_login(client, one_stop_officer):
    response = client.post("/dang-nhap/", {"username": "motcua", "password": "wrong"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sai số điện thoại, thư điện tử, tên đăng nhập hoặc mật khẩu" in body
    assert 'value="motcua"' in body


def test_repeated_failures_lock_the_account_for_a_while(client, one_stop_officer):
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "motcua", "password": "wrong"})
    response = client.post("/dang-nhap/", {"username": "motcua", "password": PASSWORD})
    assert response.status_code == 429
    assert "chờ 15 phút" in response.content.decode()


def test_registration_creates_an_account_and_a_profile(client, commune, settings):
    settings.NOTIFY_SMS_URL = "http://127.0.0.1:9/sms"
    response = client.post(
        "/dang-ky/",
        {
            "full_name": "Lê Thị Hạnh",
            "phone": "0911222333",
            "password": "mat-khau-dai-2026",
            "commune": commune.code,
        },
    )
    assert response.status_code == 302
    from xaso.accounts.models import User
    from xaso.notify.models import OutboxMessage

    code = re.search(r"\d{6}", OutboxMessage.objects.get(address="0911222333").body).group()
    assert client.post("/dang-ky/xac-nhan/", {"code": code}).status_code == 302
    user = User.objects.get(phone="0911222333")
    assert user.profile.full_name == "Lê Thị Hạnh"


def test_registration_refused_keeps_what_was_typed(client, commune):
    response = client.post(
        "/dang-ky/",
        {"full_name": "Lê Thị Hạnh", "phone": "12", "password": "mat-khau-dai-2026", "commune": commune.code},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Nhập số điện thoại 10 chữ số" in body
    assert 'value="Lê Thị Hạnh"' in body

"""Django's password rules answer in Vietnamese on the registration page: "too short", "too
common", "entirely numeric" — never "This password is too short…"."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ab1", "Mật khẩu quá ngắn"),
        ("password123", "Mật khẩu này quá phổ biến"),
        ("83749261057", "toàn là số"),
    ],
)
def test_a_refused_password_is_explained_in_vietnamese(client, commune, password, message):
    response = client.post(
        "/dang-ky/",
        {"full_name": "Lê Thị Hạnh", "phone": "0911222333", "password": password, "commune": commune.code},
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert message in body
    assert "This password" not in body and "Your password" not in body

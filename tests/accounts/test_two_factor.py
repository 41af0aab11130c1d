"""Leaders, province supervisors and admins need a TOTP code after their password."""

import pytest
from django_otp.oath import TOTP

from tests.factories import PASSWORD
from xaso.accounts.models import TotpDevice


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.REQUIRE_2FA = True


def code_for(device: TotpDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def sign_in(client, username):
    return client.post("/dang-nhap/", {"username": username, "password": PASSWORD})


def test_a_leader_is_held_at_enrolment_until_a_code_is_confirmed(client, commune_leader):
    sign_in(client, "lanhdao")
    response = client.get("/bang-dieu-khien/")
    assert response.status_code == 302
    assert response["Location"].startswith("/xac-thuc-2-buoc/")
    page = client.get("/xac-thuc-2-buoc/").content.decode()
    assert "<svg" in page and "Xác thực hai bước" in page
    device = TotpDevice.objects.get(user=commune_leader, confirmed=False)
    response = client.post("/xac-thuc-2-buoc/", {"code": code_for(device), "next": "/bang-dieu-khien/"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/bang-dieu-khien/").status_code == 200


def test_a_wrong_code_is_refused_in_vietnamese(client, commune_leader):
    sign_in(client, "lanhdao")
    client.get("/xac-thuc-2-buoc/")
    response = client.post("/xac-thuc-2-buoc/", {"code": "000000"})
    assert response.status_code == 422
    assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    assert client.get("/bang-dieu-khien/").status_code == 302


def test_an_enrolled_leader_gives_the_code_at_each_sign_in(client, commune_leader):
    device = TotpDevice.objects.create(user=commune_leader, name="xaso", confirmed=True)
    sign_in(client, "lanhdao")
    assert client.get("/thon/").status_code == 302
    assert (
        client.post("/xac-thuc-2-buoc/", {"code": code_for(device), "next": "/thon/"})["Location"] == "/thon/"
    )
    assert client.get("/thon/").status_code == 200


@pytest.mark.parametrize("fixture", ["province_supervisor", "system_admin"])
def test_supervisors_and_admins_need_it_too(client, request, fixture):
    user = request.getfixturevalue(fixture)
    client.force_login(user, backend="xaso.accounts.backends.LoginBackend")
    assert client.get("/bang-dieu-khien/").status_code == 302


def test_officers_and_citizens_are_not_asked(client, one_stop_officer, citizen):
    sign_in(client, "motcua")
    assert client.get("/bang-dieu-khien/").status_code == 200


def test_the_api_refuses_a_leader_token_without_the_code(client, commune_leader):
    device = TotpDevice.objects.create(user=commune_leader, name="xaso", confirmed=True)
    body = {"username": "lanhdao", "password": PASSWORD}
    refused = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["field"] == "otp"
    granted = client.post(
        "/api/v1/auth/token", {**body, "otp": code_for(device)}, content_type="application/json"
    )
    assert granted.status_code == 200


def test_an_unverified_leader_session_is_refused_by_the_api(client, commune_leader):
    sign_in(client, "lanhdao")
    response = client.get("/api/v1/places/provinces")
    assert response.status_code == 403


def test_staff_sessions_end_after_a_working_day(client, one_stop_officer, settings):
    sign_in(client, "motcua")
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_SECONDS

"""Issue 16, LOW: signing in through the admin (/quan-tri/login/) is the same sign-in as
/dang-nhap/: the staff working-day session, the lockout on the resolved account, the second factor."""

from django.conf import settings

from tests.factories import PASSWORD


def admin_sign_in(client, username, password=PASSWORD):
    return client.post("/quan-tri/login/?next=/quan-tri/", {"username": username, "password": password})


def test_the_admin_sign_in_gives_staff_the_working_day_session(client, system_admin):
    response = admin_sign_in(client, "quantri")
    assert response.status_code == 302
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_SECONDS


def test_the_sign_in_page_gives_staff_the_same_session(client, one_stop_officer):
    client.post("/dang-nhap/", {"username": "motcua", "password": PASSWORD})
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_SECONDS


def test_a_citizen_keeps_the_longer_session(client, citizen):
    client.post("/dang-nhap/", {"username": citizen.phone, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_the_admin_sign_in_shares_the_lock_of_the_sign_in_page(client, system_admin):
    for spelling in ["QUANTRI", "QuanTri", " quantri", "quanTRI", "Quantri"]:
        client.post("/dang-nhap/", {"username": spelling, "password": "wrong"})
    assert admin_sign_in(client, "quantri").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_still_asks_for_the_second_factor(client, system_admin, settings):
    settings.REQUIRE_2FA = True
    admin_sign_in(client, "quantri")
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith("/xac-thuc-2-buoc/")

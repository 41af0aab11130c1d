"""Issue 16, HIGH 2: the lockout counts the account a login resolves to, not the spelling typed.

Sign-in accepts a phone number with spaces, dots, dashes or +84 and an e-mail in any case; every
spelling of one account shares one counter, the page and the API token endpoint share it too,
and a ceiling per account holds whichever addresses the tries come from."""

import pytest

from tests import factories as f
from tests.factories import PASSWORD

PHONE_SPELLINGS = ["0912345678", "0912 345 678", "+84912345678", "091.234.5678", "091-234-5678"]


@pytest.fixture
def phone_citizen(commune):
    u = f.citizen(commune_obj=commune, phone="0912345678")
    u.email = "hanh@example.vn"
    u.save()
    return u


def page_sign_in(client, identifier, password, address="10.0.0.1"):
    return client.post("/dang-nhap/", {"username": identifier, "password": password}, REMOTE_ADDR=address)


def api_token(client, identifier, password, address="10.0.0.1"):
    return client.post(
        "/api/v1/auth/token",
        {"username": identifier, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def test_every_spelling_of_a_phone_counts_against_one_lock(client, phone_citizen):
    for spelling in PHONE_SPELLINGS:
        page_sign_in(client, spelling, "wrong")
    for spelling in [*PHONE_SPELLINGS, "HANH@example.vn", "hanh@EXAMPLE.VN"]:
        assert page_sign_in(client, spelling, PASSWORD).status_code == 429, spelling


def test_upper_case_e_mail_spellings_count_against_the_same_lock(client, phone_citizen):
    for spelling in [
        "hanh@example.vn",
        "HANH@example.vn",
        "Hanh@Example.vn",
        " hanh@example.VN ",
        "HANH@EXAMPLE.VN",
    ]:
        page_sign_in(client, spelling, "wrong")
    assert page_sign_in(client, "0912345678", PASSWORD).status_code == 429


def test_the_account_ceiling_holds_across_client_addresses(client, phone_citizen, settings):
    settings.XASO_LOGIN_ACCOUNT_CEILING = 8
    # Four tries from each address stay under the per-address limit of five; together they
    # reach the account's ceiling, and then no address signs in with any spelling.
    addresses = [f"10.1.0.{i}" for i in range(1, 3)]
    for address in addresses:
        for spelling in PHONE_SPELLINGS[:4]:
            page_sign_in(client, spelling, "wrong", address=address)
    for i, spelling in enumerate([*PHONE_SPELLINGS, "HANH@example.vn"]):
        fresh = f"10.2.0.{i}"
        assert page_sign_in(client, spelling, PASSWORD, address=fresh).status_code == 429, spelling
        assert api_token(client, spelling, PASSWORD, address=fresh).status_code == 429, spelling


def test_the_api_token_endpoint_shares_the_lock_with_the_page(client, phone_citizen):
    for spelling in PHONE_SPELLINGS[:3]:
        api_token(client, spelling, "wrong")
    for spelling in PHONE_SPELLINGS[3:]:
        page_sign_in(client, spelling, "wrong")
    response = api_token(client, "+84 912 345 678", PASSWORD)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert "token" not in response.json()


def test_spellings_of_a_phone_with_no_account_share_one_lock(client, db):
    for spelling in PHONE_SPELLINGS:
        page_sign_in(client, spelling, "wrong")
    # A locked unknown number answers like a locked account: no hint which numbers have one.
    assert page_sign_in(client, "0912.345.678", "wrong").status_code == 429


def test_under_the_limit_the_right_password_still_signs_in(client, phone_citizen):
    for spelling in PHONE_SPELLINGS[:4]:
        page_sign_in(client, spelling, "wrong")
    assert page_sign_in(client, "+84 912 345 678", PASSWORD).status_code == 302

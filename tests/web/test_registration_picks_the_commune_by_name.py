"""Registration picks the commune by name (a search, then a choice list of links: no JavaScript
needed) and a village of that commune only; the new profile is theirs; the form keeps what was
typed on any error."""

import re

import pytest

from tests import factories as f
from xaso.accounts.models import User
from xaso.accounts.registration import signup_start
from xaso.core.errors import InvalidInput
from xaso.core.visitor import COMMUNE_COOKIE
from xaso.notify.models import OutboxMessage

DETAILS = {"full_name": "Lê Thị Hạnh", "phone": "0911222555", "password": "mat-khau-dai-2026"}


@pytest.fixture(autouse=True)
def sms_gateway(settings):
    settings.NOTIFY_SMS_URL = "http://127.0.0.1:9/sms"  # the code stays in the outbox


def test_the_page_starts_with_the_commune_search(client, commune):
    body = client.get("/dang-ky/").content.decode()
    assert 'name="xa_q"' in body and 'name="password"' not in body


def test_a_search_without_accents_lists_the_communes_to_choose(client, commune, other_commune):
    body = client.get("/dang-ky/", {"xa_q": "yen dinh"}).content.decode()
    assert 'href="/dang-ky/?xa=15469"' in body and "Xã Yên Định" in body
    assert "Xã Định Tân" not in body


def test_a_search_that_finds_nothing_says_so(client, commune):
    body = client.get("/dang-ky/", {"xa_q": "khong co xa nay 🏡\"'"}).content.decode()
    assert "Không có xã, phường nào phù hợp" in body


def test_choosing_a_commune_offers_its_villages_only(client, commune, village, other_commune):
    f.village(other_commune, "Thôn Của Xã Khác")
    body = client.get("/dang-ky/", {"xa": commune.code}).content.decode()
    assert "Bạn sống tại <strong>Xã Yên Định</strong>" in body
    assert 'name="commune" value="15469"' in body
    assert f'<option value="{village.pk}">Thôn Phúc Lộc</option>' in body
    assert "Thôn Của Xã Khác" not in body
    assert 'href="/dang-ky/?doi=1"' in body


def test_the_commune_opened_last_is_offered_and_can_be_changed(client, commune):
    client.cookies[COMMUNE_COOKIE] = commune.code
    assert 'name="commune" value="15469"' in client.get("/dang-ky/").content.decode()
    assert 'name="commune"' not in client.get("/dang-ky/", {"doi": "1"}).content.decode()


def test_the_new_profile_has_the_chosen_commune_and_village(client, commune, village):
    response = client.post("/dang-ky/", {**DETAILS, "commune": commune.code, "village": village.pk})
    assert response.status_code == 302
    code = re.search(r"\d{6}", OutboxMessage.objects.get(address="0911222555").body).group()
    assert client.post("/dang-ky/xac-nhan/", {"code": code}).status_code == 302
    profile = User.objects.get(phone="0911222555").profile
    assert (profile.commune, profile.village) == (commune, village)


def test_a_village_of_another_commune_is_refused_keeping_what_was_typed(client, commune, other_commune):
    elsewhere = f.village(other_commune, "Thôn Của Xã Khác")
    response = client.post("/dang-ky/", {**DETAILS, "commune": commune.code, "village": elsewhere.pk})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'value="Lê Thị Hạnh"' in body and 'value="0911222555"' in body
    assert 'name="commune" value="15469"' in body


def test_no_commune_is_refused_keeping_what_was_typed(client, commune):
    for posted in ({}, {"commune": "99999"}, {"commune": "<b>"}):
        response = client.post("/dang-ky/", {**DETAILS, **posted})
        assert response.status_code == 422
        body = response.content.decode()
        assert "Hãy chọn xã của bạn trước" in body
        assert 'value="Lê Thị Hạnh"' in body and 'name="xa_q"' in body
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("text", ["x" * 10_000, "'\"<>%_", "🏡🌾"])
def test_the_search_takes_any_text(client, commune, text):
    assert client.get("/dang-ky/", {"xa_q": text, "xa": text}).status_code == 200


def test_the_service_refuses_a_village_of_another_commune(commune, other_commune):
    elsewhere = f.village(other_commune, "Thôn Của Xã Khác")
    with pytest.raises(InvalidInput, match="Hãy chọn một thôn của xã bạn đã chọn"):
        signup_start(**DETAILS, commune=commune, village=elsewhere)

"""`make run` has no SMS gateway: a demo server (XASO_SHOW_UNSENT_CODES, set by `make run`) shows
the registration code on the page so a newcomer can finish signing up; a real server never does."""

import re

import pytest
from django.core.cache import cache

from xaso.accounts.models import User

DETAILS = {
    "full_name": "Lê Thị Hạnh",
    "password": "mat-khau-dai-2026",
    "phone": "0911 222 444",
    "commune": "15469",
}


@pytest.fixture(autouse=True)
def no_sms_gateway(settings, commune):
    settings.NOTIFY_SMS_URL = ""
    cache.clear()
    yield
    cache.clear()


def test_a_demo_server_shows_the_code_and_the_citizen_finishes(client, settings, db):
    settings.SHOW_UNSENT_CODES = True
    page = client.post("/dang-ky/", DETAILS, follow=True).content.decode()
    code = re.search(r"\b(\d{6})\b", page).group(1)
    assert client.post("/dang-ky/xac-nhan/", {"code": code}).status_code == 302
    assert User.objects.filter(phone="0911222444", is_active=True).exists()


def test_a_real_server_never_shows_the_code(client, settings, db):
    settings.SHOW_UNSENT_CODES = False
    page = client.post("/dang-ky/", DETAILS, follow=True).content.decode()
    assert not re.search(r"\b\d{6}\b", page)
    assert not User.objects.filter(phone="0911222444").exists()

"""Headers and cookies that hold whatever the page: a Permissions-Policy that refuses every
device feature (no page uses the camera, microphone or location), HSTS with includeSubDomains
and a Secure, SameSite=Lax language cookie when xaso is served over HTTPS (XASO_HTTPS=1)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
DENIED = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")
ROOT = Path(__file__).resolve().parents[2]


def test_every_page_refuses_the_device_features(client, login, one_stop_officer):
    for response in (
        client.get(reverse("onestop:procedures")),
        client.get(reverse("api:lookup", args=["KHONG-CO"])),  # a hot route of xaso.core.front
        login(one_stop_officer).get(reverse("onestop:queue")),
    ):
        policy = response["Permissions-Policy"]
        assert all(feature in policy for feature in DENIED), policy


def _settings_under(env: dict, tmp_path) -> dict:
    script = (
        "import json, xaso.settings as s; print(json.dumps({name: getattr(s, name) for name in "
        "('SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'LANGUAGE_COOKIE_SECURE', "
        "'LANGUAGE_COOKIE_SAMESITE', 'SESSION_COOKIE_SECURE')}))"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("XASO_", "DATABASE_URL"))}
    environ.update(env, XASO_VAR_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", script], env=environ, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_over_https_hsts_covers_subdomains_and_the_language_cookie_is_secure(tmp_path):
    over_https = _settings_under({"XASO_HTTPS": "1"}, tmp_path)
    assert over_https == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": True,
    }
    plain = _settings_under({"XASO_HTTPS": "0"}, tmp_path)
    assert plain["LANGUAGE_COOKIE_SECURE"] is False and plain["SECURE_HSTS_SECONDS"] == 0
    assert plain["LANGUAGE_COOKIE_SAMESITE"] == "Lax"


def test_the_language_cookie_is_written_with_those_settings(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.get(reverse("web:language", args=["en"]))
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["secure"] is True and cookie["samesite"] == "Lax" and cookie["httponly"] is True


def test_the_hsts_header_names_subdomains_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = None
    response = client.get(reverse("onestop:procedures"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"

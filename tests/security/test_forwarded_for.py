"""Behind nginx every request comes from 127.0.0.1: the client's address is read from
X-Forwarded-For, but only when the peer is a trusted proxy, and only from the right, so that a
client cannot pick its own address to slip past a rate limit."""

import pytest
from django.core.cache import cache
from django.test import Client

from xaso.core.forwarded import _networks, real_client

pytestmark = pytest.mark.django_db

NGINX = _networks(["127.0.0.1", "10.1.0.0/16"])


@pytest.mark.parametrize(
    ("peer", "header", "believed"),
    [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),
        # The client sent its own X-Forwarded-For; nginx appended the real address.
        ("127.0.0.1", "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        # Two proxies of ours in a row: skip both.
        ("127.0.0.1", "1.2.3.4, 203.0.113.7, 10.1.4.5", "203.0.113.7"),
        # Not from a proxy of ours: the header is the client's own words.
        ("198.51.100.9", "203.0.113.7", "198.51.100.9"),
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_from_the_right_of_the_header(peer, header, believed):
    assert real_client(peer, header, NGINX) == believed


def test_without_trusted_proxies_the_header_is_ignored():
    assert real_client("127.0.0.1", "203.0.113.7", ()) == "127.0.0.1"


@pytest.fixture
def one_trace_each(settings):
    cache.clear()
    settings.XASO_RATE_LIMITS = {"economy.trace": (1, 600)}
    yield
    cache.clear()


def _trace(client: Client, forwarded_for: str):
    return client.get("/truy-xuat/KHONGCO/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(one_trace_each, settings):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1"]
    client = Client()
    assert _trace(client, "203.0.113.7").status_code != 429
    assert _trace(client, "203.0.113.7").status_code == 429
    assert _trace(client, "203.0.113.8").status_code != 429
    # A client naming itself in the header does not get a fresh allowance.
    assert _trace(client, "9.9.9.9, 203.0.113.7").status_code == 429


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_limit(one_trace_each):
    client = Client()
    assert _trace(client, "203.0.113.7").status_code != 429
    assert _trace(client, "203.0.113.8").status_code == 429

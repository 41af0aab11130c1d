"""Anonymous public pages come from the cache framework with ETag / Last-Modified
(xaso.core.public_cache): a repeat visit reads nothing from the database, a visitor who sends
the validators back gets 304, a write to what the page shows renders it again, and signed-in
users, searches and sessions are never served a cached page."""

import warnings

import pytest
from django.core.cache import CacheKeyWarning

from tests import factories as f
from xaso.core.public_cache import scope_versions, scopes_changed
from xaso.dx.demo import demo_news
from xaso.onestop.models import Procedure


@pytest.fixture
def portal_url(commune, village):
    return f"/xa/{commune.code}/"


def test_a_repeat_visit_is_served_from_the_cache_without_queries(
    client, portal_url, django_assert_num_queries
):
    first = client.get(portal_url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    with django_assert_num_queries(0):
        second = client.get(portal_url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_visitor_sending_the_validators_back_gets_304(client, portal_url):
    first = client.get(portal_url)
    again = client.get(portal_url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(portal_url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def test_a_write_to_what_the_page_shows_renders_it_again(client, commune, portal_url):
    first = client.get(portal_url)
    assert "Thôn Đông Hòa" not in first.content.decode()
    f.village(commune, "Thôn Đông Hòa")
    second = client.get(portal_url)
    assert "Thôn Đông Hòa" in second.content.decode()
    assert second["ETag"] != first["ETag"]
    assert client.get(portal_url, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_the_catalogue_follows_a_changed_procedure(client, db):
    procedure = Procedure.objects.order_by("code").first()
    assert procedure is not None, "the procedure catalogue comes with the migrations"
    before = client.get("/thu-tuc/").content.decode()
    assert "Thủ tục đổi tên để thử" not in before
    procedure.name = "Thủ tục đổi tên để thử"
    procedure.save()
    assert "Thủ tục đổi tên để thử" in client.get("/thu-tuc/").content.decode()


def test_signed_in_users_and_searches_are_never_served_from_the_cache(client, citizen, portal_url):
    client.get(portal_url)
    client.force_login(citizen)
    signed_in = client.get(portal_url)
    assert "ETag" not in signed_in
    assert "no-store" in signed_in["Cache-Control"]
    client.logout()
    search = client.get("/thu-tuc/", {"q": "khai sinh"})
    assert "ETag" not in search


def test_the_portal_follows_news_published_by_the_commune(client, commune, commune_leader, portal_url):
    first = client.get(portal_url).content.decode()
    assert "Chợ Yên Định thanh toán không dùng tiền mặt" not in first
    demo_news(commune)
    assert "Chợ Yên Định thanh toán không dùng tiền mặt" in client.get(portal_url).content.decode()


def test_the_portal_remembers_the_commune_even_when_served_from_the_cache(client, portal_url):
    from xaso.core.visitor import COMMUNE_COOKIE

    first = client.get(portal_url)
    assert first.cookies[COMMUNE_COOKIE].value == "15469"
    other = type(client)()
    again = other.get(portal_url)
    assert again["ETag"] == first["ETag"]
    assert again.cookies[COMMUNE_COOKIE].value == "15469"
    repeat = other.get(portal_url)
    assert COMMUNE_COOKIE not in repeat.cookies  # remembered already: nothing set
    assert repeat.status_code == 200


def test_a_page_whose_header_follows_the_remembered_commune_is_cached_per_commune(client, commune):
    from xaso.core.visitor import COMMUNE_COOKIE

    plain = client.get("/thu-tuc/").content.decode()
    client.cookies[COMMUNE_COOKIE] = commune.code
    remembered = client.get("/thu-tuc/").content.decode()
    assert commune.name not in plain
    assert commune.name in remembered


def test_a_scope_named_by_a_very_long_visitor_text_keeps_a_valid_cache_key(db):
    long_name = "commune:" + "1" * 300
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        first = scope_versions([long_name])
        scopes_changed([long_name])
        assert scope_versions([long_name]) != first

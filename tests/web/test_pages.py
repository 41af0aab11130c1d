import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from xaso.accounts.demo import DEMO_ACCOUNTS, demo_load


def test_the_home_page_is_in_vietnamese(client, db):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Tìm xã, phường của bạn" in body


def test_english_can_be_chosen(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Find your commune" in body


def test_the_commune_search_ignores_diacritics(client, commune):
    body = client.get("/", {"q": "yen dinh"}).content.decode()
    assert "Xã Yên Định" in body


def test_an_empty_search_says_so(client, commune):
    body = client.get("/", {"q": "khong co xa nay"}).content.decode()
    assert "Không có xã, phường nào phù hợp" in body


def test_the_commune_home_page_lists_villages_and_contact(client, commune, village):
    body = client.get(f"/xa/{commune.code}/").content.decode()
    assert "Xã Yên Định" in body
    assert "Thôn Phúc Lộc" in body
    assert "Xã chưa công bố thông tin liên hệ" in body


def test_an_unknown_page_is_a_vietnamese_404(client, db):
    response = client.get("/xa/99999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_security_headers_are_set(client, db):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/xa/15469/", "/dang-nhap/", "/dang-ky/"])
def test_citizen_pages_weigh_under_60_kb_gzipped_and_load_nothing_external(client, path, commune, village):
    html = client.get(path).content
    assert not re.search(rb'(src|href)="(https?:)?//', html), "a page must not load from elsewhere"
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:src|href)="/static/([^"]+)"', html):
        with open(finders.find(asset.decode()), "rb") as fh:
            total += len(gzip.compress(fh.read()))
    assert total <= 60 * 1024, f"{path} weighs {total} bytes gzipped"


@pytest.mark.parametrize(("username", "full_name", "role", "village"), DEMO_ACCOUNTS)
def test_every_demo_account_signs_in_and_lands_on_its_dashboard(
    client, db, username, full_name, role, village
):
    from django.conf import settings

    demo_load()
    response = client.post(
        "/dang-nhap/", {"username": username, "password": settings.DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/bang-dieu-khien/"
    body = response.content.decode()
    assert f"Xin chào, {full_name}" in body
    if role == "one_stop_officer":
        assert "Thôn, tổ dân phố" in body
    if role == "system_admin":
        assert "Quản trị" in body
    if role is None:
        assert "Thông tin của tôi" in body


def test_the_demo_is_refused_with_debug_off_unless_forced(db, settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("demo")


def test_an_english_browser_still_gets_vietnamese_until_english_is_chosen(client, db):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in body


def test_english_can_be_chosen_by_the_header_link_and_back(client, db):
    home = client.get("/").content.decode()
    assert 'href="/ngon-ngu/en/?next=/"' in home
    response = client.get("/ngon-ngu/en/", {"next": "/xa/00004/?q=a"})
    assert (response.status_code, response["Location"]) == (302, "/xa/00004/?q=a")
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body and 'href="/ngon-ngu/vi/?next=/"' in body
    client.get("/ngon-ngu/vi/", {"next": "/"})
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_the_language_link_goes_back_only_to_this_site(client, db):
    response = client.get("/ngon-ngu/en/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.get("/ngon-ngu/xx/").status_code == 404


def test_an_anonymous_page_carries_no_csrf_token_or_cookie(client, db):
    response = client.get("/tra-cuu/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "csrftoken" not in response.cookies

"""The header carries the services of the visitor's commune (the one they chose, or a signed-in
citizen's own) behind a disclosure; without a commune, the services every visitor can use."""

import pytest
from django.core.cache import caches

from tests import factories as f
from xaso.core.visitor import COMMUNE_COOKIE


def services_nav(body: str) -> str:
    start = body.index('<details class="services">')
    return body[start : body.index("</details>", start)]


def test_without_a_commune_the_header_offers_the_common_services(client, db):
    nav = services_nav(client.get("/").content.decode())
    for href in ("/thu-tuc/", "/tra-cuu/", "/san-pham/", "/cds/cong-khai/", "/xac-thuc/", "/#find"):
        assert f'href="{href}"' in nav


def test_a_chosen_commune_puts_its_services_in_the_header(client, commune):
    client.get(f"/xa/{commune.code}/")
    nav = services_nav(client.get("/tra-cuu/").content.decode())
    assert "Dịch vụ của Xã Yên Định" in nav
    for href in (
        f"/xa/{commune.code}/",
        f"/thu-tuc/?xa={commune.code}",
        "/tra-cuu/",
        f"/cong-dong/xa/{commune.code}/thong-bao/",
        f"/cong-dong/xa/{commune.code}/phan-anh/",
        f"/cong-dong/xa/{commune.code}/phan-anh/gui/",
        f"/san-pham/?xa={commune.code}",
        "/cds/cong-khai/",
    ):
        assert f'href="{href}"' in nav, href


def test_each_commune_gets_its_own_header_from_the_fragment_cache(client, commune, other_commune):
    caches["fragments"].clear()
    client.get(f"/xa/{commune.code}/")
    assert "Dịch vụ của Xã Yên Định" in services_nav(client.get("/").content.decode())
    client.get(f"/xa/{other_commune.code}/")
    nav = services_nav(client.get("/").content.decode())
    assert "Dịch vụ của Xã Định Tân" in nav and commune.code not in nav


def test_a_communes_portal_carries_its_own_services_from_the_first_visit(client, commune, other_commune):
    client.cookies[COMMUNE_COOKIE] = other_commune.code
    nav = services_nav(client.get(f"/xa/{commune.code}/").content.decode())
    assert "Dịch vụ của Xã Yên Định" in nav


def test_a_signed_in_citizen_gets_their_own_communes_services(client, login, commune, other_commune):
    client.cookies[COMMUNE_COOKIE] = other_commune.code
    citizen = f.citizen(commune_obj=commune)
    nav = services_nav(login(citizen).get("/").content.decode())
    assert "Dịch vụ của Xã Yên Định" in nav


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_header_is_translated(client, commune, language):
    client.get(f"/ngon-ngu/{language}/")
    client.get(f"/xa/{commune.code}/")
    nav = services_nav(client.get("/").content.decode())
    assert ("Services of Xã Yên Định" if language == "en" else "Dịch vụ của Xã Yên Định") in nav


def test_the_lookup_page_from_its_shell_is_not_shared_with_a_visitor_who_chose_a_commune(client, commune):
    assert "Dịch vụ của" not in client.get("/tra-cuu/").content.decode()
    client.get(f"/xa/{commune.code}/")
    assert "Dịch vụ của Xã Yên Định" in client.get("/tra-cuu/").content.decode()
    client.cookies.pop(COMMUNE_COOKIE)
    assert "Dịch vụ của" not in client.get("/tra-cuu/").content.decode()

"""Opening a commune's portal remembers it in a cookie: the home page then offers it first, with
a way to choose another; a cookie naming no commune is ignored."""

from xaso.core.visitor import COMMUNE_COOKIE


def test_opening_a_portal_remembers_the_commune(client, commune):
    response = client.get(f"/xa/{commune.code}/")
    assert response.cookies[COMMUNE_COOKIE].value == commune.code
    assert response.cookies[COMMUNE_COOKIE]["httponly"]


def test_the_home_page_then_offers_it_first_with_a_way_to_change(client, commune):
    client.get(f"/xa/{commune.code}/")
    body = client.get("/").content.decode()
    assert "Xã của bạn: Xã Yên Định" in body
    assert body.index("Xã của bạn") < body.index('id="find"')
    assert f'href="/xa/{commune.code}/"' in body
    assert 'href="#find"' in body


def test_a_second_visit_sets_no_cookie_again(client, commune):
    client.get(f"/xa/{commune.code}/")
    assert COMMUNE_COOKIE not in client.get(f"/xa/{commune.code}/").cookies


def test_choosing_another_commune_replaces_the_first(client, commune, other_commune):
    client.get(f"/xa/{commune.code}/")
    client.get(f"/xa/{other_commune.code}/")
    body = client.get("/").content.decode()
    assert "Xã của bạn: Xã Định Tân" in body and "Xã của bạn: Xã Yên Định" not in body


def test_a_cookie_naming_no_commune_is_ignored(client, commune):
    for value in ("99999", "<script>", "1" * 400, ""):
        client.cookies[COMMUNE_COOKIE] = value
        response = client.get("/")
        assert response.status_code == 200
        assert "Xã của bạn" not in response.content.decode()


def test_a_visitor_who_chose_nothing_sees_the_search_only(client, commune):
    body = client.get("/").content.decode()
    assert "Xã của bạn" not in body and 'id="find"' in body

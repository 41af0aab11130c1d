"""Whatever is typed into the commune search (quotes, emoji, control characters, 10,000
characters, a junk province or page) gives a page, never a 500; an unknown commune code is the
friendly 404."""

import pytest

ODD = [
    "\"'; DROP TABLE places_commune; --",
    "yên định 🏡🌾",
    "\u202e\ud7ff\ufeff\x01\x1f",
    "x" * 10_000,
    "%_%",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("text", ODD)
def test_the_commune_search_takes_any_text(client, commune, text):
    response = client.get("/", {"q": text, "province": text, "page": text})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body


def test_a_nul_is_a_clear_400_not_a_500(client, commune):
    # xaso.core.edge refuses a NUL anywhere in a request before any view runs.
    assert client.get("/", {"q": "a\x00b"}).status_code == 400


def test_a_long_search_is_cut_not_refused(client, commune):
    response = client.get("/", {"q": "yen dinh" + " " * 5 + "x" * 10_000})
    assert response.status_code == 200
    assert 'maxlength="100"' in response.content.decode()


def test_an_unknown_province_is_no_filter(client, commune):
    body = client.get("/", {"q": "yen dinh", "province": "99"}).content.decode()
    assert "Xã Yên Định" in body


@pytest.mark.parametrize("code", ["99999", "abc", "1" * 300, "%F0%9F%8F%A1"])
def test_an_unknown_commune_code_is_the_friendly_404(client, db, code):
    response = client.get(f"/xa/{code}/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()

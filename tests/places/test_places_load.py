from xaso.places.loader import places_load
from xaso.places.models import Commune, Province


def test_it_loads_34_provinces_and_3321_communes_idempotently(db):
    assert places_load() == (34, 3321)
    assert places_load() == (34, 3321)
    assert Province.objects.count() == 34
    assert Commune.objects.count() == 3321
    yen_dinh = Commune.objects.get(code="15469")
    assert yen_dinh.name == "Xã Yên Định"
    assert yen_dinh.province.name == "Thanh Hóa"
    assert set(Commune.objects.values_list("type", flat=True)) == {"xã", "phường", "đặc khu"}


def test_the_api_lists_every_province_and_commune(db, client):
    places_load()
    provinces = client.get("/api/v1/places/provinces").json()
    assert len(provinces) == 34
    assert {"code", "name", "type"} <= set(provinces[0])
    total = 0
    for p in provinces:
        response = client.get("/api/v1/places/communes", {"province": p["code"]})
        assert response.status_code == 200
        total += len(response.json())
    assert total == 3321


def test_commune_search_ignores_diacritics(db, client):
    places_load()
    found = client.get("/api/v1/places/communes", {"province": "38", "q": "yen dinh"}).json()
    assert [c["name"] for c in found] == ["Xã Yên Định"]


def test_an_unknown_province_is_a_404_problem(db, client):
    response = client.get("/api/v1/places/communes", {"province": "99"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "province"

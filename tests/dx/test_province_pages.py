from xaso.dx.models import IndicatorSet, SetStatus


def test_a_supervisor_starts_publishes_and_copies_a_set_through_the_pages(
    province, province_supervisor, login
):
    client = login(province_supervisor)
    assert client.get("/cds/tinh/").status_code == 200
    r = client.post("/cds/tinh/", {"year": "2025"})
    s = IndicatorSet.objects.get(province=province, year=2025)
    assert r.status_code == 302
    page = client.get(f"/cds/bo-chi-tieu/{s.pk}/")
    assert "NT1" in page.content.decode()
    r = client.post(
        f"/cds/bo-chi-tieu/{s.pk}/",
        {
            "code": "X9",
            "name": "Mới",
            "pillar": "economy",
            "kind": "count",
            "target": "5",
            "weight": "1",
            "source": "manual",
        },
    )
    assert r.status_code == 302 and s.indicators.filter(code="X9").exists()
    client.post(f"/cds/bo-chi-tieu/{s.pk}/publish/")
    s.refresh_from_db()
    assert s.status == SetStatus.PUBLISHED
    client.post(f"/cds/bo-chi-tieu/{s.pk}/copy/", {"year": "2026"})
    assert IndicatorSet.objects.get(province=province, year=2026).indicators.count() == s.indicators.count()


def test_a_refused_indicator_keeps_what_was_typed(province, province_supervisor, login):
    client = login(province_supervisor)
    client.post("/cds/tinh/", {"year": "2025"})
    s = IndicatorSet.objects.get(province=province, year=2025)
    r = client.post(
        f"/cds/bo-chi-tieu/{s.pk}/",
        {
            "code": "X9",
            "name": "Tên gõ dở",
            "pillar": "economy",
            "kind": "percentage",
            "target": "150",
            "weight": "1",
            "source": "manual",
        },
    )
    assert r.status_code == 422 and "Tên gõ dở" in r.content.decode()


def test_a_commune_officer_cannot_open_the_province_pages(commune_leader, login):
    assert login(commune_leader).get("/cds/tinh/").status_code == 403


def test_commune_staff_see_only_published_sets_of_their_province(province, commune_leader, login):
    from tests.dx.factories import small_set

    draft = small_set(province, 2030, published=False)
    assert login(commune_leader).get(f"/cds/bo-chi-tieu/{draft.pk}/").status_code == 404

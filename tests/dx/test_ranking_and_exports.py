import io
from decimal import Decimal

from openpyxl import load_workbook

from tests import factories as f
from xaso.dx import selectors
from xaso.dx.models import Assessment, AssessmentStatus
from xaso.dx.services import indicator_sets


def _scored(dx_set, commune, score, status=AssessmentStatus.SUBMITTED):
    return Assessment.objects.create(
        indicator_set=dx_set,
        commune=commune,
        status=status,
        score=Decimal(score),
        summary={"pillars": {"awareness": str(score)}},
    )


def test_the_ranking_orders_scored_communes_then_waiting_then_absent(
    dx_set, commune, other_commune, province
):
    third = f.commune("15480", "Xã Thứ Ba", province)
    fourth = f.commune("15481", "Xã Thứ Tư", province)
    _scored(dx_set, other_commune, "70")
    _scored(dx_set, third, "90")
    Assessment.objects.create(indicator_set=dx_set, commune=fourth)
    rows = selectors.ranking(dx_set)
    assert [(r.rank, r.commune.code) for r in rows] == [
        (1, "15480"),
        (2, "15475"),
        (None, "15481"),
        (None, "15469"),
    ]


def test_the_ranking_page_and_exports(dx_set, other_commune, province_supervisor, login):
    _scored(dx_set, other_commune, "81.5")
    client = login(province_supervisor)
    page = client.get(f"/cds/bo-chi-tieu/{dx_set.pk}/xep-hang/")
    assert page.status_code == 200 and "Xã Định Tân" in page.content.decode()
    xlsx = client.get(f"/cds/bo-chi-tieu/{dx_set.pk}/xep-hang.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][:3] == (1, "Xã Định Tân", 81.5)
    pdf = client.get(f"/cds/bo-chi-tieu/{dx_set.pk}/xep-hang.pdf")
    assert pdf.content[:5] == b"%PDF-"
    assert client.get(f"/cds/bo-chi-tieu/{dx_set.pk}/xep-hang.exe").status_code == 404


def test_the_public_page_exists_only_once_the_province_switches_it_on(
    dx_set, other_commune, province_supervisor, client
):
    _scored(dx_set, other_commune, "81.5")
    url = f"/cds/cong-khai/{dx_set.province_id}/{dx_set.year}/"
    assert client.get(url).status_code == 404
    indicator_sets.indicator_set_make_public(actor=province_supervisor, indicator_set=dx_set, is_public=True)
    page = client.get(url)
    assert page.status_code == 200 and "Xã Định Tân" in page.content.decode()
    assert "/cds/danh-gia/" not in page.content.decode()


def test_the_commune_dashboard_shows_the_trend(filled, commune_leader, login):
    page = login(commune_leader).get(f"/cds/danh-gia/{filled.pk}/tong-quan/")
    assert page.status_code == 200
    assert page.content.decode().count("<svg") == 2

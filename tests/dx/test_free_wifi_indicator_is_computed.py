"""“Nhà văn hóa thôn có wifi miễn phí phục vụ người dân” is computed from the commune's public
points: yes with a free wifi point, no with only digital-support points, no data without any
point on xaso; the default indicator set asks the calculator for it."""

from datetime import date, timedelta

from django.utils import timezone

from xaso.community.models import PublicPoint
from xaso.community.services.points import public_point_save
from xaso.dx.calculators import Period, compute_many
from xaso.dx.services import indicator_sets

YEAR = Period.year(timezone.localdate().year)


def test_a_wifi_point_answers_yes_a_support_point_alone_no_none_no_data(
    one_stop_officer, other_officer, commune, other_commune, far_commune
):
    public_point_save(actor=one_stop_officer, commune=commune, data={"kind": "wifi", "name": "NVH thôn Đông"})
    public_point_save(
        actor=other_officer, commune=other_commune, data={"kind": "digital_support", "name": "Tổ CĐS"}
    )
    results = compute_many(
        "community.free_wifi_points", [commune.code, other_commune.code, far_commune.code], YEAR
    )
    assert results[commune.code].measure.value == 1
    assert results[other_commune.code].measure.value == 0
    assert not results[far_commune.code].has_data
    assert "no data" in results[far_commune.code].note


def test_a_point_set_up_after_the_period_does_not_count(one_stop_officer, commune):
    point = public_point_save(actor=one_stop_officer, commune=commune, data={"kind": "wifi", "name": "NVH"})
    PublicPoint.objects.filter(pk=point.pk).update(created_at=timezone.now() + timedelta(days=400))
    last_year = Period(date(2000, 1, 1), timezone.localdate())
    assert not compute_many("community.free_wifi_points", [commune.code], last_year)[commune.code].has_data


def test_the_default_set_computes_the_wifi_indicator(province, province_supervisor):
    s = indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    wifi = s.indicators.get(name="Nhà văn hóa thôn có wifi miễn phí phục vụ người dân")
    assert (wifi.source, wifi.calculator, wifi.kind) == ("automatic", "community.free_wifi_points", "yes_no")

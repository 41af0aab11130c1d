"""XH3 "Xã có chuyên mục chuyển đổi số trên cổng thông tin điện tử" is computed: yes when the
commune published a DX news item during the assessed year that is still published; no (not
"no data") otherwise, since the news lives in xaso."""

from datetime import datetime

from tests.dx.factories import published_news
from xaso.core.calendar import LOCAL_TZ
from xaso.dx.calculators import REGISTRY, Period, compute_many
from xaso.dx.models import Kind
from xaso.dx.services import indicator_sets, news

Y2025 = Period.year(2025)


def _answers(*communes, period=Y2025):
    return {
        code: r.measure.value
        for code, r in compute_many("dx.portal_news", [c.code for c in communes], period).items()
    }


def test_a_commune_with_news_published_in_the_year_has_the_section(commune, other_commune, commune_leader):
    published_news(commune_leader, commune, "Tin 2025", at=datetime(2025, 6, 1, 9, tzinfo=LOCAL_TZ))
    assert _answers(commune, other_commune) == {commune.code: 1, other_commune.code: 0}


def test_the_year_is_counted_in_local_days(commune, commune_leader):
    # 31/12/2024 23:30 in Hanoi is 16:30 UTC: last year, not this one.
    published_news(
        commune_leader, commune, "Tin cuối năm", at=datetime(2024, 12, 31, 23, 30, tzinfo=LOCAL_TZ)
    )
    assert _answers(commune) == {commune.code: 0}
    assert _answers(commune, period=Period.year(2024)) == {commune.code: 1}


def test_drafts_and_withdrawn_items_do_not_count(commune, commune_leader):
    news.news_create(actor=commune_leader, commune=commune, title="Nháp", body="Chưa đăng.")
    gone = published_news(commune_leader, commune, "Đã gỡ", at=datetime(2025, 5, 1, tzinfo=LOCAL_TZ))
    news.news_withdraw(actor=commune_leader, item=gone)
    assert _answers(commune) == {commune.code: 0}


def test_the_default_set_computes_xh3_with_this_calculator(province, province_supervisor):
    assert REGISTRY["dx.portal_news"].kind == Kind.YES_NO
    s = indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    xh3 = s.indicators.get(code="XH3")
    assert (xh3.source, xh3.calculator) == ("automatic", "dx.portal_news")

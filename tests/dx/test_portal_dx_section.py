"""The "Chuyển đổi số" section of the commune portal: the latest public assessment (year, score
with a decimal comma, level), the commune's rank in its province with a link to the public
ranking, the plan's targets met with a progress bar, the latest three news items, and an empty
state for each when there is nothing yet."""

from datetime import datetime
from decimal import Decimal

import pytest

from tests.dx.factories import published_news, small_set
from xaso.core.calendar import LOCAL_TZ
from xaso.dx.models import Assessment, AssessmentStatus, Plan, Target, TargetFigure
from xaso.dx.portal import section_context


def _portal(client, commune) -> str:
    response = client.get(f"/xa/{commune.code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_commune_with_nothing_yet_shows_the_section_with_empty_states(client, commune):
    page = _portal(client, commune)
    assert '<h2 id="dx-portal">Chuyển đổi số</h2>' in page
    assert "Xã chưa có kết quả đánh giá chuyển đổi số được công bố." in page
    assert "Xã chưa nhập kế hoạch chuyển đổi số." in page
    assert "Xã chưa đăng tin chuyển đổi số nào." in page


@pytest.fixture
def ranked(province, commune, other_commune, province_supervisor):
    """A public 2025 set: Định Tân 91.5 (recognised), Yên Định 74.05 (submitted)."""
    s = small_set(province, 2025)
    s.is_public = True
    s.save()
    level = s.levels.get(code="dat")
    Assessment.objects.create(
        indicator_set=s,
        commune=other_commune,
        status=AssessmentStatus.RECOGNISED,
        score=Decimal("91.5"),
        level=level,
    )
    mine = Assessment.objects.create(
        indicator_set=s, commune=commune, status=AssessmentStatus.SUBMITTED, score=Decimal("74.05")
    )
    return s, mine


def test_the_latest_public_assessment_shows_year_score_with_a_comma_and_rank(client, commune, ranked):
    s, _mine = ranked
    page = _portal(client, commune)
    assert "Năm 2025: <strong>74,05</strong>/100 điểm." in page
    assert "Tỉnh đang thẩm định, chưa quyết định công nhận." in page
    assert "Xếp hạng 2 trên 2 xã được đánh giá của Thanh Hóa." in page
    assert f'href="/cds/cong-khai/{s.province_id}/2025/"' in page


def test_a_recognised_commune_shows_its_level_and_first_rank(client, other_commune, ranked):
    page = _portal(client, other_commune)
    assert "91,50" in page and "Đạt</span>" in page
    assert "Xếp hạng 1 trên 2" in page


def test_a_province_that_keeps_its_ranking_private_keeps_the_score_off_the_portal(client, commune, ranked):
    s, _mine = ranked
    s.is_public = False
    s.save()
    page = _portal(client, commune)
    section = page[page.index('id="dx-portal"') :]  # the header links the public rankings' index
    assert "74,05" not in section and "/cds/cong-khai/" not in section
    assert "Xã chưa có kết quả đánh giá chuyển đổi số được công bố." in page


def test_a_commune_not_yet_scored_links_to_its_provinces_public_ranking(client, commune, ranked):
    s, mine = ranked
    Assessment.objects.filter(pk=mine.pk).update(status=AssessmentStatus.REGISTERED, score=None)
    page = _portal(client, commune)
    assert "Xã chưa có kết quả đánh giá chuyển đổi số được công bố." in page
    assert f'href="/cds/cong-khai/{s.province_id}/2025/"' in page


def test_plan_progress_counts_targets_met_by_their_latest_figure(client, province, commune, commune_leader):
    plan = Plan.objects.create(
        province=province, commune=commune, title="Kế hoạch CĐS 2025", year_from=2024, year_to=2026
    )
    met = Target.objects.create(plan=plan, name="Hộ có cáp quang", value=80, due_year=2025)
    missed = Target.objects.create(plan=plan, name="Người có điện thoại thông minh", value=90, due_year=2025)
    Target.objects.create(plan=plan, name="Chưa có số liệu", value=50, due_year=2025)
    TargetFigure.objects.create(target=met, period="2024", value=70, entered_by=commune_leader)
    TargetFigure.objects.create(target=met, period="2025", value=85, entered_by=commune_leader)
    TargetFigure.objects.create(target=missed, period="2025", value=60, entered_by=commune_leader)
    page = _portal(client, commune)
    assert "Kế hoạch CĐS 2025 (2024–2026)" in page
    assert '<label for="dx-portal-progress">Chỉ tiêu đã đạt: 1/3</label>' in page
    assert '<progress id="dx-portal-progress" max="3" value="1">33%</progress>' in page


def test_a_plan_without_targets_says_so(client, province, commune):
    Plan.objects.create(
        province=province, commune=commune, title="Kế hoạch trống", year_from=2025, year_to=2025
    )
    assert "Kế hoạch chưa có chỉ tiêu định lượng." in _portal(client, commune)


def test_the_latest_three_news_items_are_listed_with_a_link_to_all(client, commune, commune_leader):
    for day in range(1, 5):
        published_news(
            commune_leader, commune, f"Tin số {day}", at=datetime(2025, 4, day, 8, tzinfo=LOCAL_TZ)
        )
    page = _portal(client, commune)
    assert "Tin số 4" in page and "Tin số 2" in page and "Tin số 1" not in page
    assert page.index("Tin số 4") < page.index("Tin số 2")
    assert "04/04/2025" in page
    assert f'href="/cds/xa/{commune.code}/tin/"' in page


def test_the_section_costs_a_few_queries_whatever_the_data(
    commune, commune_leader, ranked, django_assert_max_num_queries
):
    plan = Plan.objects.create(
        province=commune.province, commune=commune, title="Kế hoạch", year_from=2024, year_to=2026
    )
    for n in range(5):
        target = Target.objects.create(plan=plan, name=f"Chỉ tiêu {n}", value=50, due_year=2025)
        TargetFigure.objects.create(target=target, period="2025", value=60, entered_by=commune_leader)
    for day in range(1, 5):
        published_news(commune_leader, commune, f"Tin {day}")
    with django_assert_max_num_queries(7):
        ctx = section_context(None, commune)
    assert ctx["dx"].targets_met == 5 and len(ctx["dx"].news) == 3 and ctx["dx"].rank == 2

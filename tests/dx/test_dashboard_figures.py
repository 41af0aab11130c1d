"""The dx cards' figures on the dashboard: this year's assessment of the commune, the plan's
tasks falling due, the digital teams' work, and for the province supervisor the assessments
waiting for review and the communes that have not submitted. Each counts only the user's
commune or province, cheaply, and its link lands on those items."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories as f
from tests.dx.factories import small_set
from tests.support.figures import by_label
from xaso.dx.cards import assessment_figures, province_figures, team_figures
from xaso.dx.models import Assessment, DigitalTeam, HelpLog, Objective, Plan, PlanTask
from xaso.dx.services import assessments

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def this_years_set(province, other_province):
    small_set(other_province, THIS_YEAR)  # another province's: not the commune's business
    return small_set(province, THIS_YEAR)


def test_before_registering_the_commune_sees_the_set_to_register_for(login, specialist, this_years_set):
    figure = by_label(assessment_figures, specialist)["indicator sets to register for"]
    assert figure.value == 1
    assert this_years_set.name in login(specialist).get(figure.url).content.decode()


def test_once_registered_it_counts_the_manual_indicators_left_to_fill(
    login, commune, other_commune, commune_leader, this_years_set
):
    mine = assessments.assessment_register(
        actor=commune_leader, indicator_set=this_years_set, commune=commune
    )
    other_leader = f.staff("commune_leader", commune_obj=other_commune, username="lanhdao_dt")
    assessments.assessment_register(actor=other_leader, indicator_set=this_years_set, commune=other_commune)
    figure = by_label(assessment_figures, commune_leader)["indicators still to fill"]
    assert figure.value == 2  # A1 and B1; C1 is computed
    value = mine.values.get(indicator__code="B1")
    assessments.assessment_value_save(actor=commune_leader, value=value, amount="1")
    figure = by_label(assessment_figures, commune_leader)["indicators still to fill"]
    assert figure.value == 1
    assert login(commune_leader).get(figure.url).status_code == 200
    assert figure.url.endswith(f"/{mine.pk}/")


def test_plan_tasks_late_and_due_are_counted_on_the_communes_plan(login, commune, province, clerk):
    plan = Plan.objects.create(
        province=province, commune=commune, title="Kế hoạch CĐS", year_from=2025, year_to=2030
    )
    objective = Objective.objects.create(plan=plan, title="Hạ tầng")
    today = timezone.localdate()
    PlanTask.objects.create(
        objective=objective, title="Việc trễ", owner="Xã", deadline=today - timedelta(days=3)
    )
    PlanTask.objects.create(
        objective=objective, title="Việc sắp đến", owner="Xã", deadline=today + timedelta(days=5)
    )
    PlanTask.objects.create(
        objective=objective, title="Việc xa", owner="Xã", deadline=today + timedelta(days=90)
    )
    PlanTask.objects.create(
        objective=objective, title="Việc xong", owner="Xã", deadline=today - timedelta(days=9), status="done"
    )
    figures = by_label(assessment_figures, clerk)
    assert figures["plan tasks late"].value == 1
    assert figures["plan tasks due within 14 days"].value == 1
    body = login(clerk).get(figures["plan tasks late"].url).content.decode()
    assert "Việc trễ" in body


def test_the_teams_card_counts_villages_without_a_team_and_this_months_help(
    login, commune, other_commune, village, village_head
):
    covered = f.village(commune, "Thôn Có Tổ")
    f.village(other_commune, "Thôn Xã Khác")
    DigitalTeam.objects.create(commune=commune, village=covered, name="Tổ CĐS Thôn Có Tổ")
    today = timezone.localdate()
    for helped_on, household in (
        (today, "Hộ ông Tư"),
        (today.replace(day=1) - timedelta(days=1), "Hộ bà Năm"),
    ):
        HelpLog.objects.create(
            commune=commune,
            household=household,
            household_key=household,
            action="vneid",
            helped_on=helped_on,
            helper=village_head,
        )
    figures = by_label(team_figures, village_head)
    assert figures["villages without a team"].value == 1  # Thôn Phúc Lộc
    assert figures["help logged this month"].value == 1
    body = login(village_head).get(figures["help logged this month"].url).content.decode()
    assert "Hộ ông Tư" in body and "Hộ bà Năm" not in body


@pytest.fixture
def province_round(commune, other_commune, far_commune, commune_leader, this_years_set):
    submitted = assessments.assessment_register(
        actor=commune_leader, indicator_set=this_years_set, commune=commune
    )
    Assessment.objects.filter(pk=submitted.pk).update(status="submitted")
    return submitted


def test_the_supervisor_sees_assessments_to_review_and_communes_not_submitted(
    login, province_supervisor, province_round, commune, other_commune
):
    figures = by_label(province_figures, province_supervisor)
    to_review = figures[f"assessments of {THIS_YEAR} waiting for review"]
    not_submitted = figures[f"communes that have not submitted for {THIS_YEAR}"]
    assert (to_review.value, not_submitted.value) == (1, 1)
    client = login(province_supervisor)
    body = client.get(to_review.url).content.decode()
    assert commune.name in body and other_commune.name not in body.split("<h2>")[2]
    body = client.get(not_submitted.url).content.decode()
    assert other_commune.name in body and commune.name not in body.split("<h2>")[2]


def test_another_provinces_supervisor_sees_nothing_of_it(other_province_supervisor, province_round):
    figures = province_figures(other_province_supervisor)
    # Their own province's set: nothing to review, Hàm Yên not submitted; nothing of Thanh Hóa.
    assert [fig.value for fig in figures] == [0, 1]


def test_each_card_reads_in_few_queries(
    commune_leader, province_supervisor, village_head, province_round, django_assert_max_num_queries
):
    for user in (commune_leader, province_supervisor, village_head):
        assert user.roles
    with django_assert_max_num_queries(2):
        assessment_figures(commune_leader)
    with django_assert_max_num_queries(1):
        province_figures(province_supervisor)
    with django_assert_max_num_queries(2):
        team_figures(village_head)

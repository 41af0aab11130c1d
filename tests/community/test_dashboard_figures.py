"""The community cards' figures on the dashboard: households with no contact channel, households
the latest announcement has not reached, feedback waiting, due soon and late. Each counts only
the user's commune (a village head: their village), and its link lists exactly those items."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories as f
from tests.support.figures import by_label
from tests.support.households import household
from xaso.community.cards import announcement_figures, feedback_figures, household_figures
from xaso.community.models import Delivery, FeedbackReport
from xaso.community.services.announcements import announcement_create, delivery_acknowledge
from xaso.community.services.fanout import ack_token


@pytest.fixture
def own_head(commune, village):
    """A village head tied to Thôn Phúc Lộc."""
    head = f.staff("village_head", commune_obj=commune, username="truongthon_pl")
    head.memberships.update(village=village)
    return head


@pytest.fixture
def homes(commune, other_commune, village, other_village):
    elsewhere = f.village(other_commune, "Thôn Khác")
    return {
        "A-1": household(commune, village, "A-1", contact_phone="0912345678"),
        "A-2": household(commune, village, "A-2"),
        "B-1": household(commune, other_village, "B-1"),
        "B-2": household(commune, other_village, "B-2", contact_zalo_id="zalo-b2"),
        "X-1": household(other_commune, elsewhere, "X-1"),
    }


def test_households_with_no_contact_are_counted_in_the_users_reach(one_stop_officer, own_head, homes):
    officer = by_label(household_figures, one_stop_officer)
    assert (officer["households"].value, officer["with no contact channel"].value) == (4, 2)
    head = by_label(household_figures, own_head)
    assert (head["households"].value, head["with no contact channel"].value) == (2, 1)


def test_the_no_contact_link_lists_exactly_those_households(login, one_stop_officer, homes):
    figure = by_label(household_figures, one_stop_officer)["with no contact channel"]
    body = login(one_stop_officer).get(figure.url).content.decode()
    shown = {code for code in homes if f"<td>{code}</td>" in body}
    assert shown == {"A-2", "B-1"}


def test_the_latest_announcement_counts_the_households_not_reached(
    login, commune, one_stop_officer, own_head, homes
):
    older = announcement_create(actor=one_stop_officer, commune=commune, title="Cũ", body="B")
    latest = announcement_create(actor=one_stop_officer, commune=commune, title="Mới", body="B")
    older.__class__.objects.filter(pk=older.pk).update(publish_at=timezone.now() - timedelta(days=3))
    delivery_acknowledge(token=ack_token(Delivery.objects.get(announcement=latest, household__code="A-1").pk))
    (officer,) = announcement_figures(one_stop_officer)
    assert officer.value == 3
    assert officer.url.endswith(f"/{latest.pk}/")
    (head,) = announcement_figures(own_head)
    assert head.value == 1  # their village only
    body = login(own_head).get(head.url).content.decode()
    assert "A-2" in body and "B-1" not in body and "A-1" not in body


def _report(commune, code, *, due_in, status="received", village=None):
    return FeedbackReport.objects.create(
        commune=commune,
        village=village,
        category="lighting",
        text="Đèn đường hỏng",
        tracking_code=code,
        status=status,
        due_on=timezone.localdate() + timedelta(days=due_in),
    )


@pytest.fixture
def reports(commune, other_commune, village, other_village):
    return {
        "PA-LATE": _report(commune, "PA-LATE", due_in=-2, village=village),
        "PA-SOON": _report(commune, "PA-SOON", due_in=0, status="assigned", village=other_village),
        "PA-LATER": _report(commune, "PA-LATER", due_in=10, village=village),
        "PA-DONE": _report(commune, "PA-DONE", due_in=-5, status="resolved"),
        "PA-AWAY": _report(other_commune, "PA-AWAY", due_in=-2),
    }


def test_feedback_waiting_due_soon_and_late_of_the_commune(one_stop_officer, reports):
    figures = by_label(feedback_figures, one_stop_officer)
    assert figures["waiting for an answer or a fix"].value == 3
    assert figures["due today or next working day"].value == 1
    assert figures["late"].value == 1
    assert "waiting in your village" not in figures


def test_a_village_head_sees_the_feedback_of_their_village(login, own_head, reports):
    figure = by_label(feedback_figures, own_head)["waiting in your village"]
    assert figure.value == 2
    body = login(own_head).get(figure.url).content.decode()
    assert {c for c in reports if c in body} == {"PA-LATE", "PA-LATER"}


@pytest.mark.parametrize(
    ("label", "listed"),
    [("late", {"PA-LATE"}), ("due today or next working day", {"PA-SOON"})],
)
def test_a_feedback_figure_lists_exactly_its_reports(login, one_stop_officer, reports, label, listed):
    figure = by_label(feedback_figures, one_stop_officer)[label]
    body = login(one_stop_officer).get(figure.url).content.decode()
    assert {c for c in reports if c in body} == listed


def test_each_card_reads_in_few_queries(own_head, homes, reports, django_assert_max_num_queries):
    assert own_head.roles
    with django_assert_max_num_queries(1):
        household_figures(own_head)
    with django_assert_max_num_queries(2):  # the grouped count and the calendar's moved days
        feedback_figures(own_head)
    with django_assert_max_num_queries(2):  # the latest announcement, then its households
        announcement_figures(own_head)

"""The one-stop queue's figures on the dashboard: each counts the dossiers of the user's commune
only, in one grouped query, and its link lists exactly the dossiers it counts."""

from datetime import timedelta

import pytest

from tests.support.figures import by_label
from xaso.core.calendar import local_today
from xaso.onestop.cards import queue_figures
from xaso.onestop.models import Dossier, Procedure

pytestmark = pytest.mark.django_db


def _dossier(commune, code, status, *, due_in=5, assignee=None):
    return Dossier.objects.create(
        code=code,
        token=code,
        commune=commune,
        procedure=Procedure.objects.first(),
        status=status,
        channel="counter",
        applicant_name="Lê Văn Tư",
        due_date=local_today() + timedelta(days=due_in),
        assignee=assignee,
    )


@pytest.fixture
def queue(commune, other_commune, specialist):
    return {
        "NEW": _dossier(commune, "NEW", "submitted", due_in=10),
        "LATE": _dossier(commune, "LATE", "processing", due_in=-3),
        "LATE2": _dossier(commune, "LATE2", "awaiting_approval", due_in=-1),
        "SOON": _dossier(commune, "SOON", "received", due_in=0),
        "MINE": _dossier(commune, "MINE", "processing", due_in=10, assignee=specialist),
        "PAUSED": _dossier(commune, "PAUSED", "supplement_requested", due_in=-5),
        "READY": _dossier(commune, "READY", "result_ready", due_in=-2),
        "DONE": _dossier(commune, "DONE", "delivered", due_in=-20),
        "ELSEWHERE": _dossier(other_commune, "ELSEWHERE", "processing", due_in=-3),
    }


def test_the_officer_sees_the_counts_of_their_commune_only(one_stop_officer, queue):
    figures = by_label(queue_figures, one_stop_officer)
    assert figures["to receive"].value == 2  # NEW, SOON
    assert figures["in progress"].value == 2  # LATE, MINE (not ELSEWHERE)
    assert figures["awaiting supplement"].value == 1
    assert figures["results to hand back"].value == 1  # READY: its clock has stopped, not late
    assert figures["due today or next working day"].value == 1
    assert figures["late"].value == 2  # LATE, LATE2; the paused and finished ones are not late
    assert figures["late"].tone == "late"


def test_the_leader_sees_approvals_and_the_specialist_their_own(commune_leader, specialist, queue):
    assert by_label(queue_figures, commune_leader)["awaiting your approval"].value == 1
    mine = by_label(queue_figures, specialist)["assigned to you"]
    assert mine.value == 1
    assert f"assignee={specialist.pk}" in mine.url


@pytest.mark.parametrize(
    ("label", "listed"),
    [
        ("late", {"LATE", "LATE2"}),
        ("due today or next working day", {"SOON"}),
        ("to receive", {"NEW", "SOON"}),
        ("awaiting supplement", {"PAUSED"}),
        ("results to hand back", {"READY"}),
    ],
)
def test_a_figure_links_to_exactly_the_dossiers_it_counts(login, one_stop_officer, queue, label, listed):
    figure = by_label(queue_figures, one_stop_officer)[label]
    body = login(one_stop_officer).get(figure.url).content.decode()
    shown = {code for code in queue if f">{code}</a>" in body}
    assert shown == listed
    assert figure.value == len(listed)


def test_the_counts_take_one_grouped_query(one_stop_officer, queue, django_assert_max_num_queries):
    assert one_stop_officer.roles  # memberships are read once per request, before the cards
    # The grouped count, and the table of moved days off the working calendar reads.
    with django_assert_max_num_queries(2):
        queue_figures(one_stop_officer)


def test_the_queue_shows_every_tab_at_once_as_the_current_tab(login, one_stop_officer, queue):
    body = login(one_stop_officer).get("/mot-cua/ho-so/?tab=all").content.decode()
    # Every dossier of the commune but the other commune's, under a tab marked current.
    assert {code for code in queue if f">{code}</a>" in body} == set(queue) - {"ELSEWHERE"}
    assert 'aria-current="page">Tất cả <span class="badge">8</span>' in body

"""Every transition of the table, allowed for its roles and refused for the others."""

import pytest

from tests import factories as f
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.onestop.models import Status
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.workflow import DOSSIER_FLOW, TRANSITIONS

pytestmark = pytest.mark.django_db


def test_the_happy_path_runs_from_filing_to_delivery(file_birth, walk):
    dossier = walk(file_birth(), "deliver")
    assert dossier.status == Status.DELIVERED
    assert [e.to_status for e in dossier.events.all()] == [
        Status.SUBMITTED,
        Status.RECEIVED,
        Status.ASSIGNED,
        Status.PROCESSING,
        Status.AWAITING_APPROVAL,
        Status.APPROVED,
        Status.RESULT_READY,
        Status.DELIVERED,
    ]
    assert dossier.finished_at is not None


def test_the_table_names_only_known_roles():
    # the clerk (văn thư) issues a signed result with the commune's seal (issue_result) only
    known = {"owner", "assignee", "one_stop_officer", "specialist", "commune_leader", "clerk"}
    for key, transition in TRANSITIONS.items():
        if "clerk" in transition.roles:
            assert key[1] == "issue_result" and transition.roles == {"clerk"}, key
    for key, transition in TRANSITIONS.items():
        assert transition.roles <= known, key


@pytest.mark.parametrize(
    ("until", "action", "who"),
    [
        ("receive", "assign", "specialist"),  # only intake or a leader assigns
        ("assign", "start", "one_stop_officer"),  # only the assignee starts
        ("start", "propose", "commune_leader"),
        ("propose", "approve", "specialist"),  # only a leader approves
        ("propose", "approve", "one_stop_officer"),
        ("result_ready", "deliver", "citizen"),
        ("result_ready", "deliver", "specialist"),
        ("receive", "withdraw", "one_stop_officer"),  # only the citizen withdraws
    ],
)
def test_a_role_the_table_does_not_name_is_refused_with_nothing_changed(
    request, file_birth, walk, until, action, who
):
    dossier = walk(file_birth(), until)
    actor = request.getfixturevalue(who)
    before = dossier.status
    with pytest.raises(NotAllowed):
        dossier_act(
            actor=actor, dossier=dossier, action=action, assignee=actor if action == "assign" else None
        )
    dossier.refresh_from_db()
    assert dossier.status == before


@pytest.mark.parametrize(
    ("until", "action", "who"),
    [
        ("receive", "approve", "commune_leader"),  # not yet proposed
        ("deliver", "withdraw", "citizen"),  # too late to withdraw
        ("deliver", "receive", "one_stop_officer"),
        ("assign", "deliver", "one_stop_officer"),
        ("approve", "reject", "commune_leader"),  # already decided
    ],
)
def test_an_action_the_state_does_not_offer_is_a_conflict(request, file_birth, walk, until, action, who):
    dossier = walk(file_birth(), until)
    before = dossier.status
    with pytest.raises(Conflict):
        dossier_act(actor=request.getfixturevalue(who), dossier=dossier, action=action, note="x")
    dossier.refresh_from_db()
    assert dossier.status == before


def test_an_officer_of_another_commune_holds_no_role_on_the_dossier(file_birth, other_officer):
    dossier = file_birth()
    with pytest.raises(NotAllowed):
        dossier_act(actor=other_officer, dossier=dossier, action="receive")


def test_assigning_needs_an_officer_of_the_commune(file_birth, walk, one_stop_officer, other_officer):
    dossier = walk(file_birth(), "receive")
    with pytest.raises(InvalidInput):
        dossier_act(actor=one_stop_officer, dossier=dossier, action="assign")
    with pytest.raises(InvalidInput):
        dossier_act(actor=one_stop_officer, dossier=dossier, action="assign", assignee=other_officer)


def test_another_specialist_of_the_commune_cannot_act_for_the_assignee(file_birth, walk, commune):
    dossier = walk(file_birth(), "assign")
    colleague = f.staff("specialist", commune_obj=commune, username="chuyenvien2")
    with pytest.raises(NotAllowed):
        dossier_act(actor=colleague, dossier=dossier, action="start")


def test_rejecting_needs_a_note(file_birth, walk, commune_leader):
    dossier = walk(file_birth(), "propose")
    with pytest.raises(InvalidInput) as exc:
        dossier_act(actor=commune_leader, dossier=dossier, action="reject")
    assert exc.value.field == "note"


def test_a_leader_can_reject_with_a_reason_which_ends_the_dossier(file_birth, walk, commune_leader):
    dossier = walk(file_birth(), "propose")
    dossier = dossier_act(
        actor=commune_leader, dossier=dossier, action="reject", note="Thiếu giấy chứng sinh"
    )
    assert dossier.status == Status.REJECTED
    assert dossier.finished_at is not None
    assert DOSSIER_FLOW.allowed_actions(dossier, commune_leader) == []


def test_a_leader_can_send_a_draft_result_back_to_processing(file_birth, walk, commune_leader):
    dossier = walk(file_birth(), "propose")
    dossier = dossier_act(actor=commune_leader, dossier=dossier, action="send_back", note="Sửa tên")
    assert dossier.status == Status.PROCESSING


def test_the_citizen_can_withdraw_before_a_decision(file_birth, walk, citizen):
    dossier = walk(file_birth(), "start")
    dossier = dossier_act(actor=citizen, dossier=dossier, action="withdraw", note="Đã nộp ở nơi khác")
    assert dossier.status == Status.WITHDRAWN


def test_an_officer_can_cancel_a_dossier_filed_in_error(file_birth, one_stop_officer):
    dossier = dossier_act(actor=one_stop_officer, dossier=file_birth(), action="cancel", note="Nộp trùng")
    assert dossier.status == Status.CANCELLED


def test_an_online_dossier_can_be_refused_at_intake(file_birth, one_stop_officer):
    dossier = dossier_act(actor=one_stop_officer, dossier=file_birth(), action="reject", note="Sai xã")
    assert dossier.status == Status.REJECTED


def test_unknown_actions_are_invalid_input(file_birth, one_stop_officer):
    with pytest.raises(InvalidInput):
        dossier_act(actor=one_stop_officer, dossier=file_birth(), action="explode")


def test_submit_cannot_be_forced_through_the_generic_action(file_birth, citizen):
    with pytest.raises(InvalidInput):
        dossier_act(actor=citizen, dossier=file_birth(), action="submit")


def test_the_citizen_sees_only_withdraw_and_officers_only_their_actions(
    file_birth, citizen, one_stop_officer, specialist, commune_leader
):
    dossier = file_birth()
    assert DOSSIER_FLOW.allowed_actions(dossier, citizen) == ["withdraw"]
    assert set(DOSSIER_FLOW.allowed_actions(dossier, one_stop_officer)) == {"receive", "reject", "cancel"}
    assert DOSSIER_FLOW.allowed_actions(dossier, specialist) == []
    assert set(DOSSIER_FLOW.allowed_actions(dossier, commune_leader)) == {"reject", "cancel"}


def test_each_step_notifies_the_citizen(file_birth, walk, citizen):
    from xaso.notify.models import Notification

    dossier = walk(file_birth(), "deliver")
    assert Notification.objects.filter(recipient=citizen, body__contains=dossier.code).count() == 8

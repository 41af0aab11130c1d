"""Indicator sets, assessments and plan tasks move only through their tables in dx/workflow.py:
every role of a table is a permission of accounts.roles, the engine audits each move, a set with
nothing in it is refused as before (422, the set stays a draft), and a plan task's day done is
stamped by the table's effect."""

from datetime import date

import pytest

from xaso.accounts.roles import PERMISSIONS
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.core.models import AuditEvent
from xaso.dx.models import SetStatus, TaskStatus
from xaso.dx.services import indicator_sets, plans
from xaso.dx.workflow import ASSESSMENT_FLOW, SET_FLOW, TASK_FLOW


@pytest.mark.parametrize("flow", [SET_FLOW, ASSESSMENT_FLOW, TASK_FLOW], ids=lambda f: f.name)
def test_every_role_of_a_dx_table_is_a_permission_of_the_roles_table(flow):
    roles = {role for transition in flow.transitions.values() for role in transition.roles}
    assert roles and roles <= set(PERMISSIONS)


def test_publishing_goes_through_the_table_and_is_audited(province, province_supervisor):
    s = indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    published = indicator_sets.indicator_set_publish(actor=province_supervisor, indicator_set=s)
    assert published.status == SetStatus.PUBLISHED
    event = AuditEvent.objects.get(action="indicator_set.publish")
    assert event.changes == {"status": [SetStatus.DRAFT, SetStatus.PUBLISHED]}
    assert not SET_FLOW.allowed_actions(published, province_supervisor)


def test_an_empty_set_is_refused_and_stays_a_draft(province, province_supervisor):
    s = indicator_sets.indicator_set_create(
        actor=province_supervisor, province=province, year=2025, with_defaults=False
    )
    with pytest.raises(InvalidInput, match="ít nhất một chỉ tiêu"):
        indicator_sets.indicator_set_publish(actor=province_supervisor, indicator_set=s)
    s.refresh_from_db()
    assert s.status == SetStatus.DRAFT


@pytest.fixture
def task(commune, commune_leader):
    plan = plans.plan_create(actor=commune_leader, commune=commune, title="KH", year_from=2025, year_to=2026)
    objective = plans.objective_add(actor=commune_leader, plan=plan, title="O")
    return plans.task_add(
        actor=commune_leader, objective=objective, title="T", owner="VP", deadline=date(2025, 6, 1)
    )


def test_a_task_done_is_stamped_with_the_day_and_moving_it_back_clears_it(task, commune_leader):
    done = plans.task_update(actor=commune_leader, task=task, status=TaskStatus.DONE)
    assert done.status == TaskStatus.DONE and done.done_on is not None
    assert AuditEvent.objects.filter(action="plan_task.mark_done", summary="T").exists()
    doing = plans.task_update(actor=commune_leader, task=done, status=TaskStatus.DOING)
    assert doing.status == TaskStatus.DOING and doing.done_on is None


def test_a_task_keeps_its_status_when_only_evidence_is_attached(task, commune_leader, pdf_file):
    plans.task_update(actor=commune_leader, task=task, status=TaskStatus.DOING)
    again = plans.task_update(actor=commune_leader, task=task, status=TaskStatus.DOING, upload=pdf_file())
    assert again.status == TaskStatus.DOING and again.evidence_name
    assert AuditEvent.objects.filter(action="plan_task.evidence_add").exists()


def test_an_officer_of_another_commune_cannot_move_the_task(task, other_officer):
    with pytest.raises(NotAllowed):
        plans.task_update(actor=other_officer, task=task, status=TaskStatus.DONE)
    assert not TASK_FLOW.can(task, "mark_done", other_officer)
    task.refresh_from_db()
    assert task.status == TaskStatus.TODO

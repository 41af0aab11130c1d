"""A transition may declare an effect (run by the engine in the move's transaction, before the
caller's update and the save) and a guard may refuse with a domain error of its own
(InvalidInput for an incomplete object) instead of a reason the engine turns into a Conflict."""

from datetime import date

import pytest

from xaso.core.errors import Conflict, InvalidInput
from xaso.core.models import DayOverride, DayOverrideKind
from xaso.core.workflow import Transition, Workflow

pytestmark = pytest.mark.django_db
K = DayOverrideKind


def stamp_note(obj, move):
    obj.note = f"{obj.note}+effect:{obj.kind}:{move.old}"


def needs_a_note(obj, actor):
    return None if obj.note else InvalidInput("Write a note first.", field="note")


FLOW = Workflow(
    name="day",
    statuses=K,
    status_field="kind",
    transitions={
        (K.DAY_OFF, "reopen"): Transition(K.WORKING_DAY, roles={"planner"}, effect=stamp_note),
        (K.WORKING_DAY, "close"): Transition(K.DAY_OFF, roles={"planner"}, guard=needs_a_note),
    },
    roles_of=lambda actor, obj: {"planner"},
)


@pytest.fixture
def day():
    return DayOverride.objects.create(date=date(2026, 1, 2), kind=K.DAY_OFF)


def test_the_effect_sees_the_new_status_runs_before_the_callers_update_and_is_saved(day):
    def update(obj, old):
        obj.note = f"{obj.note}+update:{old}"

    locked, _event = FLOW.apply(day, "reopen", actor=None, update=update)
    assert locked.note == f"+effect:{K.WORKING_DAY}:{K.DAY_OFF}+update:{K.DAY_OFF}"
    assert DayOverride.objects.get(pk=day.pk).note == locked.note


def test_a_refused_move_runs_no_effect(day):
    with pytest.raises(Conflict):
        FLOW.apply(day, "close", actor=None)
    assert DayOverride.objects.get(pk=day.pk).note == ""


def test_a_guard_may_refuse_with_its_own_domain_error(day):
    locked, _event = FLOW.apply(day, "reopen", actor=None)
    DayOverride.objects.filter(pk=day.pk).update(note="")
    with pytest.raises(InvalidInput) as refused:
        FLOW.apply(locked, "close", actor=None)
    assert refused.value.field == "note"
    assert not FLOW.can(DayOverride.objects.get(pk=day.pk), "close", None)
    assert DayOverride.objects.get(pk=day.pk).kind == K.WORKING_DAY

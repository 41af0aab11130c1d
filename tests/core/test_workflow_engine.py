"""The engine runs any table. Here the table swaps a moved day between its two kinds (the
DayOverride model stands in for an app's object: it has a TextChoices field and no workflow of
its own); the dossier tests exercise event rows and a real table."""

from datetime import date

import pytest

from xaso.core.errors import Conflict, NotAllowed
from xaso.core.models import AuditEvent, DayOverride, DayOverrideKind
from xaso.core.workflow import Transition, Workflow

pytestmark = pytest.mark.django_db
K = DayOverrideKind


def no_notes(obj, actor):
    return "The note must be empty first." if obj.note else None


FLOW = Workflow(
    name="day",
    statuses=K,
    status_field="kind",
    transitions={
        (K.DAY_OFF, "reopen"): Transition(K.WORKING_DAY, roles={"planner"}),
        (K.WORKING_DAY, "close"): Transition(K.DAY_OFF, roles={"planner", "boss"}, guard=no_notes),
    },
    roles_of=lambda actor, obj: actor.test_roles,
)


class Actor:
    is_authenticated = False

    def __init__(self, *roles):
        self.test_roles = set(roles)


@pytest.fixture
def day():
    return DayOverride.objects.create(date=date(2026, 1, 2), kind=K.DAY_OFF)


def test_an_allowed_action_moves_the_status_and_saves_it(day):
    locked, _event = FLOW.apply(day, "reopen", actor=Actor("planner"))
    assert locked.kind == K.WORKING_DAY
    assert day.kind == K.WORKING_DAY
    assert DayOverride.objects.get(pk=day.pk).kind == K.WORKING_DAY


def test_every_transition_is_audited_with_old_and_new_status(day):
    FLOW.apply(day, "reopen", actor=Actor("planner"), note="Làm bù")
    event = AuditEvent.objects.get(action="day.reopen")
    assert event.changes == {"kind": [K.DAY_OFF, K.WORKING_DAY]}
    assert event.summary == "Làm bù"


def test_an_action_the_state_does_not_offer_is_a_conflict(day):
    with pytest.raises(Conflict):
        FLOW.apply(day, "close", actor=Actor("planner"))
    assert DayOverride.objects.get(pk=day.pk).kind == K.DAY_OFF


def test_an_actor_without_a_named_role_is_not_allowed(day):
    with pytest.raises(NotAllowed):
        FLOW.apply(day, "reopen", actor=Actor("boss"))
    assert DayOverride.objects.get(pk=day.pk).kind == K.DAY_OFF
    assert not AuditEvent.objects.filter(action="day.reopen").exists()


def test_a_guard_that_gives_a_reason_refuses_with_it(day):
    FLOW.apply(day, "reopen", actor=Actor("planner"))
    DayOverride.objects.filter(pk=day.pk).update(note="keep")
    day.refresh_from_db()
    with pytest.raises(Conflict, match="note must be empty"):
        FLOW.apply(day, "close", actor=Actor("boss"))


def test_the_state_is_re_read_under_the_lock_not_taken_from_the_callers_copy(day):
    stale = DayOverride.objects.get(pk=day.pk)
    FLOW.apply(day, "reopen", actor=Actor("planner"))
    # The caller still holds the day_off copy; the database says working_day.
    with pytest.raises(Conflict):
        FLOW.apply(stale, "reopen", actor=Actor("planner"))


def test_a_stale_expected_status_is_a_conflict(day):
    FLOW.apply(day, "reopen", actor=Actor("planner"))
    with pytest.raises(Conflict, match="tải lại|reload"):
        FLOW.apply(day, "close", actor=Actor("planner"), expected_status=K.DAY_OFF)


def test_the_update_hook_changes_other_fields_in_the_same_save(day):
    def stamp(obj, old):
        obj.note = f"from {old}"

    FLOW.apply(day, "reopen", actor=Actor("planner"), update=stamp)
    assert DayOverride.objects.get(pk=day.pk).note == f"from {K.DAY_OFF}"


def test_allowed_actions_lists_only_what_the_actor_may_do_now(day):
    assert FLOW.allowed_actions(day, Actor("planner")) == ["reopen"]
    assert FLOW.allowed_actions(day, Actor("boss")) == []
    day.kind = K.WORKING_DAY
    assert FLOW.allowed_actions(day, Actor("boss")) == ["close"]
    day.note = "x"
    assert FLOW.allowed_actions(day, Actor("boss")) == []


def test_a_table_naming_an_unknown_status_is_rejected_when_built():
    with pytest.raises(ValueError, match="unknown status"):
        Workflow(
            name="bad",
            statuses=K,
            status_field="kind",
            transitions={("nowhere", "go"): Transition(K.DAY_OFF, roles={"x"})},
            roles_of=lambda a, o: set(),
        )


def test_a_transition_naming_no_role_is_rejected_when_built():
    with pytest.raises(ValueError, match="no role"):
        Workflow(
            name="bad",
            statuses=K,
            status_field="kind",
            transitions={(K.DAY_OFF, "go"): Transition(K.WORKING_DAY)},
            roles_of=lambda a, o: set(),
        )

"""Effects declared in a table: the engine runs a transition's `effect` before the save and its
`after` once the event is written, in the same transaction; `hold` checks without moving;
`record` writes a timeline entry that moves nothing; `role_first` answers who before when."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from xaso.core.errors import Conflict, NotAllowed
from xaso.core.models import AuditEvent, DayOverride, DayOverrideKind
from xaso.core.workflow import Transition, Workflow

pytestmark = pytest.mark.django_db
K = DayOverrideKind
seen = []


def stamp(obj, move):
    obj.note = f"{move.action}:{move.old}->{move.new}:{move.args.get('why', '')}"


def count_after(obj, move):
    # The save has happened: the database already holds the new kind and the effect's note.
    seen.append(DayOverride.objects.values_list("kind", "note").get(pk=obj.pk))


def fail_after(obj, move):
    raise Conflict("no")


FLOW = Workflow(
    name="day",
    statuses=K,
    status_field="kind",
    transitions={
        (K.DAY_OFF, "reopen"): Transition(K.WORKING_DAY, {"planner"}, None, "", stamp, count_after),
        (K.WORKING_DAY, "close"): Transition(K.DAY_OFF, roles={"planner"}, after=fail_after),
        (K.WORKING_DAY, "check"): Transition(K.WORKING_DAY, roles={"boss"}),
    },
    roles_of=lambda actor, obj: actor.test_roles,
    not_offered={"check": "Only a working day is checked."},
    not_allowed={"check": "Only the boss checks."},
)


class Actor:
    is_authenticated = False

    def __init__(self, *roles):
        self.test_roles = set(roles)


@pytest.fixture
def day():
    seen.clear()
    return DayOverride.objects.create(date=date(2026, 1, 2), kind=K.DAY_OFF)


def test_the_effect_changes_fields_saved_with_the_status_and_after_sees_them_saved(day):
    FLOW.apply(day, "reopen", actor=Actor("planner"), args={"why": "bù"})
    expected = f"reopen:{K.DAY_OFF}->{K.WORKING_DAY}:bù"
    assert DayOverride.objects.get(pk=day.pk).note == expected
    assert seen == [(K.WORKING_DAY, expected)]


def test_the_move_carries_the_moment_given(day):
    moments = []
    flow = Workflow(
        name="day",
        statuses=K,
        status_field="kind",
        transitions={
            (K.DAY_OFF, "reopen"): Transition(K.WORKING_DAY, {"p"}, effect=lambda o, m: moments.append(m.at))
        },
        roles_of=lambda actor, obj: {"p"},
    )
    at = timezone.make_aware(datetime(2026, 1, 2, 9, 0))
    flow.apply(day, "reopen", actor=None, at=at)
    assert moments == [at]


def test_an_error_in_after_rolls_the_whole_move_back(day):
    FLOW.apply(day, "reopen", actor=Actor("planner"))
    with pytest.raises(Conflict):
        FLOW.apply(day, "close", actor=Actor("planner"))
    assert DayOverride.objects.get(pk=day.pk).kind == K.WORKING_DAY
    assert not AuditEvent.objects.filter(action="day.close").exists()


def test_hold_checks_the_action_under_the_lock_and_moves_nothing(day):
    with pytest.raises(Conflict, match="Only a working day"):
        FLOW.hold(day, "check", actor=Actor("boss"))
    FLOW.apply(day, "reopen", actor=Actor("planner"))
    locked = FLOW.hold(day, "check", actor=Actor("boss"))
    assert locked.kind == K.WORKING_DAY
    assert not AuditEvent.objects.filter(action="day.check").exists()


def test_role_first_refuses_a_stranger_whatever_the_state(day):
    # The state does not offer "check" yet: a planner is told "when" without role_first, "who" with it.
    assert isinstance(FLOW.refusal(day, "check", Actor("planner")), Conflict)
    refusal = FLOW.refusal(day, "check", Actor("planner"), role_first=True)
    assert isinstance(refusal, NotAllowed) and str(refusal.message) == "Only the boss checks."
    assert isinstance(FLOW.refusal(day, "check", Actor("boss"), role_first=True), Conflict)


def test_record_writes_an_audit_entry_and_moves_nothing(day):
    FLOW.record(day, "noted", note="Ghi chú", summary="short")
    assert DayOverride.objects.get(pk=day.pk).kind == K.DAY_OFF
    assert AuditEvent.objects.get(action="day.noted").summary == "short"

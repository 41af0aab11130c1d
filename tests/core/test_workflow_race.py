"""Two actors taking the same action at the same moment: exactly one wins."""

from datetime import date

import pytest

from tests.support.race import race
from xaso.core.errors import Conflict
from xaso.core.models import DayOverride, DayOverrideKind
from xaso.core.workflow import Transition, Workflow

K = DayOverrideKind
FLOW = Workflow(
    name="day",
    statuses=K,
    status_field="kind",
    transitions={(K.DAY_OFF, "reopen"): Transition(K.WORKING_DAY, roles={"planner"})},
    roles_of=lambda actor, obj: {"planner"},
)


@pytest.mark.django_db(transaction=True)
def test_two_actors_racing_on_one_object_cannot_both_win():
    day = DayOverride.objects.create(date=date(2026, 1, 2), kind=K.DAY_OFF)
    # Both hold a copy read while the day was still a day off.
    copies = [DayOverride.objects.get(pk=day.pk) for _ in range(2)]
    results = race(*(lambda c=c: FLOW.apply(c, "reopen", actor=None) for c in copies))
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert sum(isinstance(r, tuple) for r in results) == 1
    assert DayOverride.objects.get(pk=day.pk).kind == K.WORKING_DAY

"""Apps above onestop plug into an approval (xaso.onestop.hooks) without onestop importing them:
the civil-status register records its entry there and tells the paper its number."""

from datetime import date

import pytest

from xaso.core.errors import InvalidInput
from xaso.onestop import hooks
from xaso.onestop.models import Dossier, Status
from xaso.onestop.services.lifecycle import dossier_act

pytestmark = pytest.mark.django_db


@pytest.fixture
def plugged(monkeypatch):
    monkeypatch.setattr(hooks, "_approved", [])
    monkeypatch.setattr(hooks, "_marks", [])
    return hooks


def test_an_approval_runs_every_plugged_hook_with_the_approved_dossier(
    plugged, file_birth, walk, commune_leader
):
    seen = []
    plugged.on_approved(lambda dossier, move: seen.append((dossier.status, move.actor)))
    dossier = dossier_act(actor=commune_leader, dossier=walk(file_birth(), "propose"), action="approve")
    assert dossier.status == Status.APPROVED
    assert seen == [(Status.APPROVED, commune_leader)]


def test_a_hook_refusing_leaves_the_dossier_awaiting_approval(plugged, file_birth, walk, commune_leader):
    def refuse(dossier, move):
        raise InvalidInput("Trùng khai sinh chưa được xác nhận.", field="duplicate")

    plugged.on_approved(refuse)
    dossier = walk(file_birth(), "propose")
    with pytest.raises(InvalidInput):
        dossier_act(actor=commune_leader, dossier=dossier, action="approve")
    assert Dossier.objects.get(pk=dossier.pk).status == Status.AWAITING_APPROVAL
    assert not Dossier.objects.get(pk=dossier.pk).events.filter(action="approve").exists()


def test_the_first_provider_that_knows_the_dossier_gives_its_register_mark(plugged, file_birth):
    dossier = file_birth()
    mark = hooks.RegisterMark(number="12", book="01/2026", registered_on=date(2026, 12, 7))
    plugged.register_marks(lambda d: None)
    plugged.register_marks(lambda d: mark if d.pk == dossier.pk else None)
    assert hooks.register_mark_for(dossier) == mark
    assert hooks.register_mark_for(Dossier(pk=-1)) is None

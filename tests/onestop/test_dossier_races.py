"""Concurrency: two officers on one dossier, and many filings at once for the numbering."""

from datetime import date

import pytest

from tests import factories as f
from tests.support.dossiers import BIRTH_DATA
from tests.support.race import race
from xaso.core.errors import Conflict
from xaso.onestop.models import Dossier, DossierCounter, Procedure, Status
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.lifecycle import dossier_act

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_officers_receiving_the_same_dossier_cannot_both_win(file_birth, one_stop_officer, commune):
    dossier = file_birth()
    colleague = f.staff("one_stop_officer", commune_obj=commune, username="motcua2")
    copies = [Dossier.objects.get(pk=dossier.pk) for _ in range(2)]
    results = race(
        lambda: dossier_act(actor=one_stop_officer, dossier=copies[0], action="receive"),
        lambda: dossier_act(actor=colleague, dossier=copies[1], action="receive"),
    )
    assert sum(isinstance(r, Dossier) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert Dossier.objects.get(pk=dossier.pk).events.filter(action="receive").count() == 1


def test_an_approval_and_a_rejection_at_once_leave_one_decision(file_birth, walk, commune_leader, commune):
    dossier = walk(file_birth(), "propose")
    deputy = f.staff("commune_leader", commune_obj=commune, username="phochutich")
    results = race(
        lambda: dossier_act(actor=commune_leader, dossier=dossier, action="approve"),
        lambda: dossier_act(actor=deputy, dossier=dossier, action="reject", note="Không đủ điều kiện"),
    )
    assert sum(isinstance(r, Conflict) for r in results) == 1
    final = Dossier.objects.get(pk=dossier.pk)
    assert final.status in (Status.APPROVED, Status.REJECTED)
    assert final.events.filter(action__in=["approve", "reject"]).count() == 1


def test_codes_filed_at_once_are_unique_and_without_gaps(citizen, commune):
    procedure = Procedure.objects.get(national_code="1.001193")
    n = 6
    results = race(
        *[
            lambda: dossier_submit(actor=citizen, procedure=procedure, commune=commune, data=dict(BIRTH_DATA))
            for _ in range(n)
        ]
    )
    assert all(isinstance(r, Dossier) for r in results), results
    sequences = sorted(int(r.code.rsplit("-", 1)[1]) for r in results)
    assert sequences == list(range(1, n + 1))
    assert DossierCounter.objects.get(commune=commune).last == n
    assert DossierCounter.objects.get(commune=commune).day <= date.today().replace(year=date.today().year + 1)

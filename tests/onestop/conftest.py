"""Helpers for the one-stop tests: the shipped catalogue is loaded by migration, so the birth
registration (1.001193) is always there."""

import pytest

from tests.support.dossiers import BIRTH_DATA, MARITAL_DATA
from tests.support.statements import statement_csv
from xaso.onestop.models import Procedure
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.lifecycle import dossier_act
from xaso.payments.services import statement_import


@pytest.fixture(autouse=True)
def catalogue(request):
    """The catalogue a migration loads; reloaded after a transactional test flushed it."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    if not Procedure.objects.exists():
        procedures_load()


@pytest.fixture
def birth(db):
    return Procedure.objects.get(national_code="1.001193")


@pytest.fixture
def file_birth(citizen, commune, birth):
    """File a birth registration online as the citizen; returns the dossier."""

    def _file(data=None, actor=None):
        return dossier_submit(
            actor=actor or citizen, procedure=birth, commune=commune, data=data or dict(BIRTH_DATA)
        )

    return _file


@pytest.fixture
def walk(one_stop_officer, specialist, commune_leader):
    """Move a dossier along the happy path up to (and including) the named action."""
    steps = [
        ("receive", one_stop_officer, {}),
        ("assign", one_stop_officer, {"assignee": specialist}),
        ("start", specialist, {}),
        ("propose", specialist, {}),
        ("approve", commune_leader, {}),
        ("result_ready", one_stop_officer, {}),
        ("deliver", one_stop_officer, {}),
    ]

    def _walk(dossier, until: str):
        for action, actor, extra in steps:
            dossier = dossier_act(actor=actor, dossier=dossier, action=action, **extra)
            if action == until:
                return dossier
        raise AssertionError(f"no step {until}")

    return _walk


# --- fees (see test_fees.py, test_fee_pages.py) ---------------------------------------------
@pytest.fixture
def marital(db):
    return Procedure.objects.get(code="xac-nhan-tinh-trang-hon-nhan")  # 15.000 đồng


@pytest.fixture
def file_marital(citizen, commune, marital):
    def _file():
        return dossier_submit(actor=citizen, procedure=marital, commune=commune, data=dict(MARITAL_DATA))

    return _file


@pytest.fixture
def pay(one_stop_officer):
    """Import a statement with one credit for `request`; returns the statement."""

    def _pay(request, amount, txn="FT1", name="saoke.csv"):
        content = statement_csv([(txn, "01/12/2026", str(amount), f"MBVCB.9.{request.note}")])
        return statement_import(
            actor=one_stop_officer, account=request.account, filename=name, content=content
        )

    return _pay


# --- signed results (see test_signed_results.py, test_signed_result_access.py) --------------
@pytest.fixture
def credential(media_root, leader_credential):
    """The leader's signing credential (tests/support/signing.py), with media in a fresh folder."""
    return leader_credential


@pytest.fixture
def approved(file_birth, walk):
    return walk(file_birth(), "approve")

"""Helpers for the register's tests: a birth's data, and registering an event in the cast's
commune as its specialist. The one-stop catalogue (procedures) is reloaded as onestop's tests do."""

from datetime import date

import pytest

from tests.support.dossiers import BIRTH_DATA
from xaso.civil.models import EntryKind
from xaso.civil.services.entries import entry_register
from xaso.onestop.models import Procedure
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.lifecycle import dossier_act

REGISTERED_ON = date(2026, 3, 20)


def birth_data(**changes) -> dict:
    data = {
        "name": "Lê Minh An",
        "birth_date": date(2026, 3, 1),
        "sex": "M",
        "place": "Trạm y tế xã Yên Định",
        "father_name": "Lê Văn Hùng",
        "mother_name": "Trần Thị Bình",
        "details": {"ethnicity": "Kinh", "declarant_name": "Trần Thị Bình"},
    }
    data.update(changes)
    return data


@pytest.fixture(autouse=True)
def catalogue(request):
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    if not Procedure.objects.exists():
        procedures_load()


@pytest.fixture
def register(specialist, commune):
    """Register an event in the commune as its specialist; returns the entry."""

    def _register(kind=EntryKind.BIRTH, data=None, **extra):
        extra.setdefault("registered_on", REGISTERED_ON)
        return entry_register(
            actor=extra.pop("actor", specialist),
            commune=extra.pop("commune", commune),
            kind=kind,
            data=birth_data() if data is None else data,
            **extra,
        )

    return _register


@pytest.fixture
def file_birth(citizen, commune):
    def _file(**changes):
        procedure = Procedure.objects.get(national_code="1.001193")
        return dossier_submit(
            actor=citizen, procedure=procedure, commune=commune, data={**BIRTH_DATA, **changes}
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
    ]

    def _walk(dossier, until: str):
        for action, actor, extra in steps:
            dossier = dossier_act(actor=actor, dossier=dossier, action=action, **extra)
            if action == until:
                return dossier
        raise AssertionError(f"no step {until}")

    return _walk

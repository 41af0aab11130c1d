"""The one-stop indicators against a hand-counted set of dossiers (Yên Định, 2025)."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from tests.dx.factories import signed_document
from xaso.core.calendar import LOCAL_TZ
from xaso.dx.calculators import Period, compute_one
from xaso.onestop.models import Dossier, Procedure

Y2025 = Period.year(2025)


def _at(y, m, d, hh=9, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


@pytest.fixture
def dossiers(commune):
    """2025: received D1 D2 D3 D4 D6 (online D1 D3 D4); settled D1 D2 D3 D5 D6, late only D2;
    results D1 D2 D5 D6 (D3 rejected), signed only D1 (D5's signed document is of another kind)."""
    procedure = Procedure.objects.first()
    rows = {
        "D1": ("online", "delivered", _at(2025, 3, 1), _at(2025, 3, 5), date(2025, 3, 6)),
        "D2": ("counter", "result_ready", _at(2025, 4, 1), _at(2025, 4, 10), date(2025, 4, 8)),
        "D3": ("online", "rejected", _at(2025, 5, 1), _at(2025, 5, 2), date(2025, 5, 3)),
        "D4": ("online", "processing", _at(2025, 6, 1), None, date(2025, 6, 10)),
        "D5": ("counter", "delivered", _at(2024, 12, 30), _at(2025, 1, 3), date(2025, 1, 5)),
        # Finished at 23:30 local on its due day: still on time, still in 2025 (16:30 UTC).
        "D6": ("counter", "delivered", _at(2025, 12, 31, 8), _at(2025, 12, 31, 23, 30), date(2025, 12, 31)),
    }
    made = {}
    for code, (channel, status, received, finished, due) in rows.items():
        made[code] = Dossier.objects.create(
            code=code,
            token=code,
            commune=commune,
            procedure=procedure,
            status=status,
            channel=channel,
            applicant_name="Lê Văn Tư",
            received_at=received,
            finished_at=finished,
            due_date=due,
        )
    Dossier.objects.create(
        token="draft", commune=commune, procedure=procedure, channel="online", applicant_name="Nháp"
    )
    signed_document(commune, "onestop.dossier", made["D1"].pk)
    signed_document(commune, "documents.registereddocument", made["D5"].pk)
    return made


def _pair(name, code, period=Y2025):
    m = compute_one(name, code, period).measure
    return (m.numerator, m.denominator)


def test_dossiers_online_are_counted_over_all_dossiers_received_in_the_period(dossiers, commune):
    assert _pair("onestop.dossiers_online", commune.code) == (D(3), D(5))


def test_dossiers_on_time_are_judged_on_the_local_finishing_day(dossiers, commune):
    assert _pair("onestop.dossiers_on_time", commune.code) == (D(4), D(5))


def test_only_results_linked_to_a_signed_dossier_document_count_assigned_document(dossiers, commune):
    assert _pair("onestop.results_signed", commune.code) == (D(1), D(4))


def test_a_commune_without_dossiers_has_no_data_rather_than_zero(dossiers, other_commune):
    for name in ("onestop.dossiers_online", "onestop.dossiers_on_time", "onestop.results_signed"):
        result = compute_one(name, other_commune.code, Y2025)
        assert result.measure is None
        assert result.note.startswith("no data")


def test_another_year_counts_only_its_own_dossiers(dossiers, commune):
    assert _pair("onestop.dossiers_online", commune.code, Period.year(2024)) == (D(0), D(1))
    assert compute_one("onestop.dossiers_on_time", commune.code, Period.year(2024)).measure is None

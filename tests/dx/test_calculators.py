from datetime import date
from decimal import Decimal as D

import pytest

from tests import factories as f
from xaso.dx import calculators
from xaso.dx.calculators import Period, compute_many, compute_one
from xaso.dx.models import DigitalTeam, HelpLog, TeamMember, Training

Y2025 = Period.year(2025)


@pytest.fixture
def teams(commune, other_commune, village_head):
    """Yên Định: 4 villages, 2 with active teams, 1 with an inactive one; 3 active members of
    which 2 trained in 2025 (one only in 2024); Định Tân: no villages."""
    v = [f.village(commune, f"Thôn {i}") for i in range(1, 5)]
    t1 = DigitalTeam.objects.create(commune=commune, village=v[0], name="Tổ 1")
    t2 = DigitalTeam.objects.create(commune=commune, village=v[1], name="Tổ 2", founded_on=date(2025, 3, 1))
    DigitalTeam.objects.create(commune=commune, village=v[2], name="Tổ cũ", is_active=False)
    DigitalTeam.objects.create(commune=commune, village=v[3], name="Tổ 2026", founded_on=date(2026, 1, 5))
    a = TeamMember.objects.create(team=t1, full_name="An")
    b = TeamMember.objects.create(team=t1, full_name="Bình")
    c = TeamMember.objects.create(team=t2, full_name="Cường")
    TeamMember.objects.create(team=t2, full_name="Dũng", is_active=False)
    t = Training.objects.create(commune=commune, held_on=date(2025, 5, 2), topic="VNeID")
    t.attendees.set([a, b])
    old = Training.objects.create(commune=commune, held_on=date(2024, 5, 2), topic="Cũ")
    old.attendees.set([c])
    for household, action, day in [
        ("Hộ ông Lê Văn Tư", "eid", date(2025, 2, 1)),
        ("Hộ ông Lê Văn Tư", "payment_account", date(2025, 2, 1)),
        ("Hộ bà Mai", "online_shop", date(2025, 6, 1)),
        ("Hộ bà Hoa", "other", date(2025, 7, 1)),
        ("Hộ bà Cúc", "eid", date(2024, 12, 31)),
    ]:
        HelpLog.objects.create(
            commune=commune,
            household=household,
            household_key=household,
            action=action,
            helped_on=day,
            helper=village_head,
        )
    return v


def test_villages_with_a_team_count_only_active_teams_founded_by_the_period_end(teams, commune):
    result = compute_one("dx.villages_with_team", commune.code, Y2025)
    assert (result.measure.numerator, result.measure.denominator) == (D(2), D(4))


def test_a_commune_without_villages_has_no_data_rather_than_a_percentage(teams, other_commune):
    result = compute_one("dx.villages_with_team", other_commune.code, Y2025)
    assert result.measure is None
    assert "no villages" in result.note


def test_team_presence_and_member_counts(teams, commune, other_commune):
    assert compute_one("dx.has_team", commune.code, Y2025).measure.value == 1
    assert compute_one("dx.has_team", other_commune.code, Y2025).measure.value == 0
    assert compute_one("dx.team_members", commune.code, Y2025).measure.value == 3


def test_members_trained_counts_trainings_held_in_the_period(teams, commune, other_commune):
    m = compute_one("dx.members_trained", commune.code, Y2025).measure
    assert (m.numerator, m.denominator) == (D(2), D(3))
    assert compute_one("dx.members_trained", other_commune.code, Y2025).measure is None


def test_households_helped_are_distinct_households_in_the_period(teams, commune):
    assert compute_one("dx.households_helped", commune.code, Y2025).measure.value == 3
    assert compute_one("dx.digital_citizens", commune.code, Y2025).measure.value == 1
    assert compute_one("dx.online_shops_opened", commune.code, Y2025).measure.value == 1
    assert compute_one("dx.households_helped", commune.code, Period.year(2024)).measure.value == 1


def test_many_communes_are_computed_at_once(teams, commune, other_commune):
    results = compute_many("dx.team_members", [commune.code, other_commune.code], Y2025)
    assert {code: r.measure.value for code, r in results.items()} == {commune.code: 3, other_commune.code: 0}


def test_calculators_whose_data_is_absent_say_no_data_and_what_they_would_need(commune):
    pending = [c for c in calculators.REGISTRY.values() if not c.available]
    assert {c.name for c in pending} == {"payments.fees_cashless"}
    for calc in pending:
        result = compute_one(calc.name, commune.code, Y2025)
        assert result.measure is None
        assert calc.reads in result.note


def test_an_unknown_calculator_has_no_data(commune):
    assert compute_one("nope", commune.code, Y2025).measure is None


def test_every_calculator_has_a_docstring_or_names_its_source():
    for calc in calculators.REGISTRY.values():
        assert calc.reads
        assert calc.compute.__doc__ or not calc.available

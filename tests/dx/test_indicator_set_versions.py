import pytest

from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.dx.models import SetStatus
from xaso.dx.services import indicator_sets


def test_a_new_set_starts_from_the_default_commune_set(province, province_supervisor):
    s = indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    assert s.status == SetStatus.DRAFT
    assert 18 <= s.indicators.count() <= 24
    assert set(s.indicators.values_list("pillar", flat=True)) == {
        "awareness",
        "infrastructure",
        "government",
        "economy",
        "society",
    }
    assert list(s.levels.values_list("code", flat=True)) == ["dat", "nang_cao"]


def test_every_automatic_default_indicator_names_a_calculator_of_its_kind(province, province_supervisor):
    from xaso.dx.calculators import REGISTRY

    s = indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    for ind in s.indicators.filter(source="automatic"):
        assert REGISTRY[ind.calculator].kind == ind.kind, ind.code


def test_copying_to_a_new_year_keeps_indicators_and_levels_and_leaves_the_old_one(
    province, province_supervisor
):
    old = indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    indicator_sets.indicator_set_publish(actor=province_supervisor, indicator_set=old)
    new = indicator_sets.indicator_set_copy(actor=province_supervisor, source=old, year=2026)
    assert new.status == SetStatus.DRAFT and new.copied_from == old
    assert list(new.indicators.values_list("code", "target", "weight")) == list(
        old.indicators.values_list("code", "target", "weight")
    )
    indicator_sets.indicator_save(
        actor=province_supervisor,
        indicator_set=new,
        indicator=new.indicators.get(code="HT3"),
        data={
            "code": "HT3",
            "name": "Điện thoại thông minh",
            "pillar": "infrastructure",
            "kind": "percentage",
            "target": "95",
            "weight": 1,
            "source": "manual",
        },
    )
    assert old.indicators.get(code="HT3").target == 90
    assert new.levels.count() == 2


def test_one_set_per_province_and_year(province, province_supervisor):
    indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    with pytest.raises(InvalidInput):
        indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)


def test_a_published_set_is_frozen(province, province_supervisor):
    s = indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    indicator_sets.indicator_set_publish(actor=province_supervisor, indicator_set=s)
    with pytest.raises(Conflict):
        indicator_sets.indicator_delete(actor=province_supervisor, indicator=s.indicators.first())


def test_a_supervisor_of_another_province_cannot_edit_or_copy(
    province, other_province_supervisor, province_supervisor
):
    s = indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    with pytest.raises(NotAllowed):
        indicator_sets.indicator_set_create(actor=other_province_supervisor, province=province, year=2026)
    with pytest.raises(NotAllowed):
        indicator_sets.indicator_set_copy(actor=other_province_supervisor, source=s, year=2026)


def test_a_commune_officer_cannot_create_a_set(province, commune_leader):
    with pytest.raises(NotAllowed):
        indicator_sets.indicator_set_create(actor=commune_leader, province=province, year=2025)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"target": "120"}, "target"),
        ({"target": "-1"}, "target"),
        ({"weight": "0"}, "weight"),
        ({"pillar": "space"}, "pillar"),
        ({"source": "automatic", "calculator": "nope"}, "calculator"),
        ({"source": "automatic", "calculator": "dx.team_members"}, "calculator"),
        ({"code": "NT2"}, "code"),
    ],
)
def test_indicators_that_do_not_fit_are_refused(province, province_supervisor, changes, field):
    s = indicator_sets.indicator_set_create(actor=province_supervisor, province=province, year=2025)
    data = {
        "code": "X1",
        "name": "Mới",
        "pillar": "economy",
        "kind": "percentage",
        "target": "50",
        "weight": 1,
        "source": "manual",
        **changes,
    }
    with pytest.raises(InvalidInput) as exc:
        indicator_sets.indicator_save(actor=province_supervisor, indicator_set=s, data=data)
    assert exc.value.field == field

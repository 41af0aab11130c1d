from decimal import Decimal as D

import pytest

from xaso.core.errors import InvalidInput
from xaso.dx.scoring import IndicatorRule, LevelRule, Measure, measure_clean, score

RULES = [
    IndicatorRule("A", "percentage", D(100), 2, True, "awareness"),
    IndicatorRule("B", "yes_no", D(1), 1, False, "infrastructure"),
    IndicatorRule("C", "count", D(10), 1, False, "society"),
]
LEVELS = [LevelRule("dat", D(80), True, 1), LevelRule("nang_cao", D(95), True, 2)]


def test_all_targets_met_scores_100_and_reaches_the_top_level():
    card = score(RULES, {"A": D(100), "B": D(1), "C": D(12)}, LEVELS)
    assert card.score == D("100.00")
    assert card.level == "nang_cao"
    assert card.met == ["A", "B", "C"]


def test_partial_figures_earn_their_share_of_the_weight():
    # A: 90/100 of weight 2 = 1.8; B no = 0; C 5/10 of 1 = 0.5 → 2.3 / 4 = 57.5
    card = score(RULES, {"A": D(90), "B": D(0), "C": D(5)}, LEVELS)
    assert card.score == D("57.50")
    assert card.pillars == {"awareness": D("90.00"), "infrastructure": D("0.00"), "society": D("50.00")}
    assert card.level is None


def test_a_failed_mandatory_indicator_blocks_every_level_that_requires_it():
    # A 99% misses its 100% target: 1.98 + 1 + 1 = 3.98/4 = 99.5, yet no level.
    card = score(RULES, {"A": D(99), "B": D(1), "C": D(10)}, LEVELS)
    assert card.score == D("99.50")
    assert card.mandatory_failed == ["A"]
    assert card.level is None


def test_a_level_without_the_mandatory_rule_is_still_reached():
    levels = [LevelRule("co_ban", D(50), False, 1), *LEVELS]
    card = score(RULES, {"A": D(99), "B": D(1), "C": D(10)}, levels)
    assert card.level == "co_ban"


def test_score_between_levels_gets_the_lower_one():
    card = score(RULES, {"A": D(100), "B": D(0), "C": D(10)}, LEVELS)
    assert card.score == D("75.00")
    assert card.level is None
    card = score(RULES, {"A": D(100), "B": D(1), "C": D(7)}, LEVELS)
    assert card.score == D("92.50")
    assert card.level == "dat"


def test_no_data_earns_nothing_and_fails_a_mandatory_indicator():
    card = score(RULES, {"A": None, "B": D(1), "C": D(10)}, LEVELS)
    assert card.score == D("50.00")
    assert card.mandatory_failed == ["A"]


def test_a_zero_target_is_met_by_any_figure():
    rules = [IndicatorRule("Z", "count", D(0), 1, True, "economy")]
    assert score(rules, {"Z": D(0)}).score == D("100.00")


def test_a_percentage_figure_comes_from_numerator_and_denominator():
    assert Measure(numerator=D(45), denominator=D(50)).figure("percentage") == D("90.00")
    assert Measure(numerator=D(1), denominator=D(3)).figure("percentage") == D("33.33")


@pytest.mark.parametrize(
    ("kind", "kwargs", "field"),
    [
        ("percentage", {"numerator": "51", "denominator": "50"}, "numerator"),
        ("percentage", {"numerator": "0", "denominator": "0"}, "denominator"),
        ("percentage", {"numerator": "-1", "denominator": "10"}, "numerator"),
        ("percentage", {"numerator": "5", "denominator": ""}, "denominator"),
        ("count", {"value": "-3"}, "value"),
        ("count", {"value": "2.5"}, "value"),
        ("count", {"value": "abc"}, "value"),
        ("count", {"value": "NaN"}, "value"),
        ("yes_no", {"value": "2"}, "value"),
    ],
)
def test_values_outside_their_kind_are_refused(kind, kwargs, field):
    with pytest.raises(InvalidInput) as exc:
        measure_clean(kind, **kwargs)
    assert exc.value.field == field


def test_valid_values_are_kept_as_counted():
    assert measure_clean("percentage", numerator="45", denominator="50") == Measure(D(45), D(50))
    assert measure_clean("count", value="12") == Measure(value=D(12))
    assert measure_clean("yes_no", value="1") == Measure(value=D(1))
    assert measure_clean("count", value="") == Measure()

"""Scoring and recognition rules, as plain functions over plain values (see README.md).

- An indicator's achievement is its measured figure divided by its target, capped at 1: a
  percentage of 45 against a target of 90 earns half its weight. A yes earns all, a no nothing.
  A target of 0 is met by any figure. A missing figure ("no data", not filled) earns nothing.
- An indicator is *met* when its figure reaches the target (yes for yes/no).
- The score is 100 × (weights earned) / (all weights), rounded to two decimals; pillar scores
  use the same rule over each pillar's indicators.
- The level is the highest-ranked level whose minimum score is reached and, when it requires
  it, whose mandatory indicators are all met.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput
from xaso.dx.models import Kind

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")
# Values are stored with 14 digits, 2 after the point: no commune counts beyond this.
LIMIT = Decimal("999999999999")


@dataclass(frozen=True)
class Measure:
    """What was counted for one indicator. `figure` is the comparable number: a percentage
    (0–100), a count, or 1/0 for yes/no; None when there is nothing to score."""

    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None

    def figure(self, kind: str) -> Decimal | None:
        if kind == Kind.PERCENTAGE:
            if self.numerator is None or not self.denominator:
                return None
            return (HUNDRED * self.numerator / self.denominator).quantize(TWO_PLACES, ROUND_HALF_UP)
        return self.value


def _dec(raw, field: str) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        number = Decimal(str(raw).strip().replace(",", "."))
    except ArithmeticError:
        raise InvalidInput(_("Enter a number."), field=field) from None
    if not number.is_finite():
        raise InvalidInput(_("Enter a number."), field=field)
    if abs(number) > LIMIT:
        raise InvalidInput(_("This number is too large."), field=field)
    return number.quantize(TWO_PLACES, ROUND_HALF_UP)


def measure_clean(kind: str, *, numerator=None, denominator=None, value=None) -> Measure:
    """Check a typed value against its indicator's kind. Rules: a percentage needs a numerator
    of at least 0 and a denominator above 0, and cannot exceed 100%; a count is 0 or more; a
    yes/no is 1 or 0. Empty is allowed (not filled yet)."""
    if kind == Kind.PERCENTAGE:
        num, den = _dec(numerator, "numerator"), _dec(denominator, "denominator")
        if num is None and den is None:
            return Measure()
        if num is None:
            raise InvalidInput(_("Enter how many meet the indicator."), field="numerator")
        if den is None:
            raise InvalidInput(_("Enter the total it is counted out of."), field="denominator")
        if num < 0:
            raise InvalidInput(_("The number cannot be negative."), field="numerator")
        if den <= 0:
            raise InvalidInput(_("The total must be greater than zero."), field="denominator")
        if num > den:
            raise InvalidInput(
                _("A percentage cannot be over 100%: the number exceeds the total."), field="numerator"
            )
        return Measure(numerator=num, denominator=den)
    number = _dec(value, "value")
    if number is None:
        return Measure()
    if kind == Kind.COUNT:
        if number < 0:
            raise InvalidInput(_("A count cannot be negative."), field="value")
        if number != number.to_integral_value():
            raise InvalidInput(_("A count is a whole number."), field="value")
        return Measure(value=number)
    if number not in (0, 1):
        raise InvalidInput(_("Answer yes or no."), field="value")
    return Measure(value=number)


@dataclass(frozen=True)
class IndicatorRule:
    code: str
    kind: str
    target: Decimal
    weight: int
    mandatory: bool
    pillar: str


@dataclass(frozen=True)
class LevelRule:
    code: str
    min_score: Decimal
    requires_all_mandatory: bool
    rank: int


def achievement(rule: IndicatorRule, figure: Decimal | None) -> Decimal:
    """The share of the indicator's weight earned, 0 to 1."""
    if figure is None:
        return Decimal(0)
    if rule.kind == Kind.YES_NO:
        return Decimal(1) if figure == 1 else Decimal(0)
    if rule.target <= 0:
        return Decimal(1)
    return min(Decimal(1), figure / rule.target)


def is_met(rule: IndicatorRule, figure: Decimal | None) -> bool:
    if figure is None:
        return False
    if rule.kind == Kind.YES_NO:
        return figure == 1
    return figure >= rule.target


@dataclass
class ScoreCard:
    score: Decimal
    pillars: dict[str, Decimal]
    met: list[str] = field(default_factory=list)
    mandatory_failed: list[str] = field(default_factory=list)
    level: str | None = None

    def as_summary(self) -> dict:
        return {
            "pillars": {k: str(v) for k, v in self.pillars.items()},
            "met": self.met,
            "mandatory_failed": self.mandatory_failed,
        }


def _percent(earned: Decimal, total: int) -> Decimal:
    if not total:
        return Decimal(0)
    return (HUNDRED * earned / total).quantize(TWO_PLACES, ROUND_HALF_UP)


def level_for(score: Decimal, mandatory_failed: Sequence[str], levels: Iterable[LevelRule]) -> str | None:
    """The code of the highest level whose rules hold, or None."""
    best = None
    for level in sorted(levels, key=lambda lv: lv.rank):
        if score < level.min_score:
            continue
        if level.requires_all_mandatory and mandatory_failed:
            continue
        best = level.code
    return best


def score(
    rules: Sequence[IndicatorRule], figures: dict[str, Decimal | None], levels: Iterable[LevelRule] = ()
) -> ScoreCard:
    """Score an assessment: `figures` maps indicator codes to their comparable figure."""
    earned_total, weight_total = Decimal(0), 0
    by_pillar: dict[str, list[Decimal | int]] = defaultdict(lambda: [Decimal(0), 0])
    met, failed = [], []
    for rule in rules:
        figure = figures.get(rule.code)
        earned = achievement(rule, figure) * rule.weight
        earned_total += earned
        weight_total += rule.weight
        by_pillar[rule.pillar][0] += earned
        by_pillar[rule.pillar][1] += rule.weight
        if is_met(rule, figure):
            met.append(rule.code)
        elif rule.mandatory:
            failed.append(rule.code)
    total = _percent(earned_total, weight_total)
    pillars = {pillar: _percent(e, w) for pillar, (e, w) in by_pillar.items()}
    card = ScoreCard(score=total, pillars=pillars, met=met, mandatory_failed=failed)
    card.level = level_for(total, failed, levels)
    return card

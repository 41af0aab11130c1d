"""Scoring an assessment from its stored values (the pure rules live in scoring.py)."""

from xaso.dx.calculators import Period
from xaso.dx.models import Assessment
from xaso.dx.scoring import IndicatorRule, LevelRule, Measure, ScoreCard, score


def period_of(assessment: Assessment) -> Period:
    return Period.year(assessment.indicator_set.year)


def rules_of(indicators) -> list[IndicatorRule]:
    return [
        IndicatorRule(
            code=i.code, kind=i.kind, target=i.target, weight=i.weight, mandatory=i.mandatory, pillar=i.pillar
        )
        for i in indicators
    ]


def level_rules_of(levels) -> list[LevelRule]:
    return [
        LevelRule(
            code=lv.code,
            min_score=lv.min_score,
            requires_all_mandatory=lv.requires_all_mandatory,
            rank=lv.rank,
        )
        for lv in levels
    ]


def assessment_scorecard(assessment: Assessment) -> ScoreCard:
    """Score the assessment over its stored values against its set's levels."""
    values = list(assessment.values.select_related("indicator"))
    figures = {
        v.indicator.code: Measure(v.numerator, v.denominator, v.value).figure(v.indicator.kind)
        for v in values
    }
    return score(
        rules_of(v.indicator for v in values), figures, level_rules_of(assessment.indicator_set.levels.all())
    )

"""Selectors of the staff dashboard's figures (xaso.dx.cards), scoped to the actor: this year's
assessment of the commune, the plan tasks falling due, and for a province supervisor the
assessments waiting for review. Each reads in one query."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from xaso.core.tenancy import scope_of
from xaso.dx.models import (
    Assessment,
    AssessmentStatus,
    DigitalTeam,
    HelpLog,
    IndicatorSet,
    Kind,
    PlanTask,
    ReviewStatus,
    SetStatus,
    Source,
    TaskStatus,
)
from xaso.dx.permissions import FILL, LOG_HELP, MANAGE_PLANS, REVIEW
from xaso.places.models import Commune, Village


def _unfilled(prefix: str) -> Q:
    """A manual indicator's value the commune has not typed yet (AssessmentValue.is_filled)."""
    kind, percentage = f"{prefix}indicator__kind", Kind.PERCENTAGE
    return Q(**{f"{prefix}indicator__source": Source.MANUAL}) & (
        Q(**{kind: percentage, f"{prefix}numerator__isnull": True})
        | Q(**{kind: percentage, f"{prefix}denominator__isnull": True})
        | (~Q(**{kind: percentage}) & Q(**{f"{prefix}value__isnull": True}))
    )


def assessment_of_year(actor, year: int) -> Assessment | None:
    """The actor's commune's assessment of `year` with `to_fill` (manual indicators without a
    value) and `returned` (values the province sent back) counted, in one query."""
    return (
        Assessment.objects.for_actor(actor, FILL, as_citizen=False)
        .filter(indicator_set__year=year)
        .annotate(
            to_fill=Count("values", filter=_unfilled("values__")),
            returned=Count("values", filter=Q(values__review_status=ReviewStatus.RETURNED)),
        )
        .only("pk", "status", "commune_id")
        .order_by("commune_id")
        .first()
    )


def plan_task_figures(actor, *, today: date | None = None, days: int = 14) -> dict[str, int]:
    """Open tasks of the plans of the actor's own communes: late, and due within `days`, with
    the plan when they all belong to one (`plan`, else None), in one grouped query."""
    today = today or timezone.localdate()
    scope = scope_of(actor, MANAGE_PLANS)
    rows = (
        PlanTask.objects.filter(objective__plan__commune_id__in=scope.commune_codes)
        .exclude(status=TaskStatus.DONE)
        .values("objective__plan_id")
        .annotate(
            late=Count("pk", filter=Q(deadline__lt=today)),
            due=Count("pk", filter=Q(deadline__gte=today, deadline__lte=today + timedelta(days=days))),
        )
        .order_by()
    )
    rows = [r for r in rows if r["late"] or r["due"]]
    return {
        "late": sum(r["late"] for r in rows),
        "due": sum(r["due"] for r in rows),
        "plan": rows[0]["objective__plan_id"] if len(rows) == 1 else None,
    }


@dataclass
class SetFigures:
    indicator_set: IndicatorSet
    communes: int
    submitted: int
    not_submitted: int


def province_set_figures(actor) -> list[SetFigures]:
    """For each province the actor reviews, its latest published indicator set: assessments
    waiting for review and communes that have not submitted (not registered, or still filling),
    as the ranking's filters list them; one query."""
    scope = scope_of(actor, REVIEW)
    if not scope.province_codes:
        return []
    communes = (
        Commune.objects.filter(province_id=OuterRef("province_id"))
        .order_by()
        .values("province_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sets = (
        IndicatorSet.objects.filter(province_id__in=scope.province_codes, status=SetStatus.PUBLISHED)
        .annotate(
            communes=Subquery(communes),
            submitted=Count("assessments", filter=Q(assessments__status=AssessmentStatus.SUBMITTED)),
            past_filling=Count("assessments", filter=~Q(assessments__status=AssessmentStatus.REGISTERED)),
        )
        .select_related("province")
        .order_by("province_id", "-year")
    )
    latest = {}
    for s in sets:
        latest.setdefault(s.province_id, s)
    return [
        SetFigures(s, s.communes or 0, s.submitted, (s.communes or 0) - s.past_filling)
        for s in latest.values()
    ]


def team_figures(actor, *, today: date | None = None) -> dict[str, int]:
    """Villages of the actor's communes with no active digital team, and the help the teams
    logged this month (two small queries)."""
    today = today or timezone.localdate()
    has_team = DigitalTeam.objects.filter(village=OuterRef("pk"), is_active=True)
    villages = Village.objects.for_actor(actor, LOG_HELP).order_by()
    counts = villages.aggregate(without_team=Count("pk", filter=~Q(Exists(has_team))))
    helped = HelpLog.objects.for_actor(actor, LOG_HELP).filter(helped_on__gte=today.replace(day=1))
    counts["helped"] = helped.count()
    return counts


def sets_to_register(actor, year: int) -> int:
    """Published indicator sets of `year` of the actor's communes' province that their commune
    has not registered for (the dx home lists them), in one query."""
    codes = sorted(scope_of(actor, FILL).commune_codes)
    provinces = Commune.objects.filter(code__in=codes).values("province_id")
    return (
        IndicatorSet.objects.filter(status=SetStatus.PUBLISHED, year=year, province_id__in=provinces)
        .exclude(assessments__commune_id__in=codes)
        .count()
    )

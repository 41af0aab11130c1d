"""What the "Chuyển đổi số" section of a commune's portal shows, for anyone (no actor: only what
is public already).

- The latest assessment the province made public: its indicator set is published with the
  transparency page on (`is_public`, the same rows the public ranking shows) and the commune has
  a score (submitted or decided). A province that keeps its ranking private keeps the commune's
  score off the portal too. Its rank in the province follows the ranking's order (score, then
  commune code).
- The commune's own plan (the one running this year, else the latest): its targets met by their
  latest figure, out of all its targets.
- The latest three published news items.
A handful of small queries, none over every commune of the province."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from xaso.dx.models import Assessment, IndicatorSet, NewsItem, Plan, SetStatus
from xaso.dx.selectors import SCORED
from xaso.dx.selectors.news import news_published
from xaso.places.models import Commune

LATEST_NEWS = 3


@dataclass
class PortalSummary:
    assessment: Assessment | None = None
    rank: int | None = None
    ranked: int = 0
    # The province's latest public ranking (the assessment's set when there is one).
    ranking_set: IndicatorSet | None = None
    plan: Plan | None = None
    targets_met: int = 0
    targets_total: int = 0
    news: list[NewsItem] = field(default_factory=list)

    @property
    def targets_percent(self) -> int:
        return round(100 * self.targets_met / self.targets_total) if self.targets_total else 0


def public_assessment(commune: Commune) -> Assessment | None:
    """The commune's latest scored assessment of a public set."""
    return (
        Assessment.objects.filter(
            commune=commune,
            status__in=SCORED,
            score__isnull=False,
            indicator_set__is_public=True,
            indicator_set__status=SetStatus.PUBLISHED,
        )
        .select_related("indicator_set", "level")
        .order_by("-indicator_set__year")
        .first()
    )


def rank_in_province(assessment: Assessment) -> tuple[int, int]:
    """(rank, communes ranked) of a scored assessment within its set, as the ranking orders them."""
    mine = Q(score__gt=assessment.score) | Q(score=assessment.score, commune_id__lt=assessment.commune_id)
    counts = Assessment.objects.filter(
        indicator_set_id=assessment.indicator_set_id, status__in=SCORED, score__isnull=False
    ).aggregate(ranked=Count("pk"), ahead=Count("pk", filter=mine))
    return counts["ahead"] + 1, counts["ranked"]


def commune_plan(commune: Commune, *, year: int | None = None) -> Plan | None:
    """The commune's plan running this year, else its latest."""
    year = year or timezone.localdate().year
    plans = Plan.objects.filter(commune=commune)
    return (
        plans.filter(year_from__lte=year, year_to__gte=year).order_by("-year_from", "-pk").first()
        or plans.order_by("-year_to", "-pk").first()
    )


def targets_met(plan: Plan) -> tuple[int, int]:
    """(targets whose latest figure reaches them, all targets) of a plan."""
    targets = list(plan.targets.prefetch_related("figures"))
    met = 0
    for target in targets:
        figures = list(target.figures.all())  # ordered by period
        if figures and target.reached_by(figures[-1].value):
            met += 1
    return met, len(targets)


def portal_summary(commune: Commune) -> PortalSummary:
    summary = PortalSummary()
    summary.assessment = public_assessment(commune)
    if summary.assessment is not None:
        summary.rank, summary.ranked = rank_in_province(summary.assessment)
        summary.ranking_set = summary.assessment.indicator_set
    else:
        summary.ranking_set = (
            IndicatorSet.objects.filter(
                province_id=commune.province_id, is_public=True, status=SetStatus.PUBLISHED
            )
            .order_by("-year")
            .first()
        )
    summary.plan = commune_plan(commune)
    if summary.plan is not None:
        summary.targets_met, summary.targets_total = targets_met(summary.plan)
    summary.news = list(
        news_published(commune).only("pk", "title", "published_at", "commune_id")[:LATEST_NEWS]
    )
    return summary

"""Reads of the dx app, scoped to the actor: sets, assessments, rankings, teams, plans, here;
the news in `news`, the portal section's summary in `portal`."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from xaso.core.errors import NotFound
from xaso.core.permissions import holds
from xaso.core.tenancy import scope_of
from xaso.dx import calculators
from xaso.dx.models import (
    COMMUNE_EDITABLE,
    Assessment,
    AssessmentStatus,
    AssessmentValue,
    DecisionCredential,
    DigitalTeam,
    Evidence,
    HelpLog,
    Indicator,
    IndicatorSet,
    Objective,
    Pillar,
    Plan,
    PlanTask,
    SetStatus,
    Source,
    TaskStatus,
    TeamMember,
    Training,
)
from xaso.dx.permissions import REVIEW
from xaso.dx.scoring_db import period_of
from xaso.places.models import Commune

VIEW = "core.view_commune"
# Statuses whose score the province has in hand (shown in rankings).
SCORED = (
    AssessmentStatus.SUBMITTED,
    AssessmentStatus.RETURNED,
    AssessmentStatus.RECOGNISED,
    AssessmentStatus.NOT_RECOGNISED,
)


def _province_codes(actor, perm: str | None = VIEW) -> tuple[set[str], bool]:
    scope = scope_of(actor, perm)
    provinces = set(scope.province_codes)
    if scope.commune_codes:
        provinces |= set(
            Commune.objects.filter(code__in=scope.commune_codes).values_list("province_id", flat=True)
        )
    return provinces, scope.everything


def sets_for(actor, *, perm: str | None = VIEW) -> QuerySet[IndicatorSet]:
    """Sets the actor may see: every set of the provinces they supervise, the published sets of
    their communes' provinces."""
    provinces, everything = _province_codes(actor, perm)
    sets = IndicatorSet.objects.select_related("province")
    if everything:
        return sets
    supervised = scope_of(actor, perm).province_codes
    return sets.filter(
        Q(province_id__in=supervised) | Q(province_id__in=provinces, status=SetStatus.PUBLISHED)
    )


def set_for(actor, set_id: int, *, perm: str | None = VIEW) -> IndicatorSet:
    try:
        return sets_for(actor, perm=perm).get(pk=set_id)
    except (IndicatorSet.DoesNotExist, ValueError):
        raise NotFound("indicator set") from None


def indicator_for(actor, indicator_id: int, *, perm: str | None = VIEW) -> Indicator:
    try:
        return Indicator.objects.select_related("indicator_set").get(
            pk=indicator_id, indicator_set__in=sets_for(actor, perm=perm)
        )
    except (Indicator.DoesNotExist, ValueError):
        raise NotFound("indicator") from None


def assessments_for(actor, *, perm: str = VIEW) -> QuerySet[Assessment]:
    """Assessments of the actor's communes, or of the communes of the provinces they supervise."""
    return Assessment.objects.for_actor(actor, perm).select_related(
        "commune__province", "indicator_set", "level"
    )


def assessment_for(actor, assessment_id: int, *, perm: str = VIEW) -> Assessment:
    try:
        return assessments_for(actor, perm=perm).get(pk=assessment_id)
    except (Assessment.DoesNotExist, ValueError):
        raise NotFound("assessment") from None


def value_for(actor, assessment: Assessment, value_id: int) -> AssessmentValue:
    try:
        return assessment.values.select_related("indicator").get(pk=value_id)
    except (AssessmentValue.DoesNotExist, ValueError):
        raise NotFound("value") from None


def evidence_for(actor, evidence_id: int) -> Evidence:
    try:
        return (
            Evidence.objects.for_actor(actor, VIEW)
            .select_related("value__assessment__commune")
            .get(pk=evidence_id)
        )
    except (Evidence.DoesNotExist, ValueError):
        raise NotFound("evidence") from None


@dataclass
class SheetRow:
    value: AssessmentValue
    live: calculators.Result | None
    # True when the commune may type this value now.
    typed: bool
    # A bound form with errors, when a post for this row was refused.
    form: object = None

    @property
    def indicator(self) -> Indicator:
        return self.value.indicator

    @property
    def figure(self):
        if self.live is not None and self.live.has_data:
            return self.live.measure.figure(self.indicator.kind)
        return self.value.figure

    @property
    def met(self) -> bool | None:
        figure = self.figure
        if figure is None:
            return None
        if self.indicator.kind == "yes_no":
            return figure == 1
        return figure >= self.indicator.target


def assessment_sheet(assessment: Assessment) -> list[SheetRow]:
    """Every indicator of the assessment with its value; while the commune edits, automatic ones
    are computed live (and typed only when their calculator has no data)."""
    values = list(assessment.values.select_related("indicator").prefetch_related("evidence"))
    editable = assessment.status in COMMUNE_EDITABLE
    period = period_of(assessment)
    rows = []
    for value in values:
        live = None
        automatic = value.indicator.source == Source.AUTOMATIC
        if automatic and editable:
            live = calculators.compute_one(value.indicator.calculator, assessment.commune_id, period)
        typed = editable and (not automatic or (live is not None and not live.has_data))
        if editable and assessment.status == AssessmentStatus.RETURNED:
            typed = typed and value.review_status == "returned"
        rows.append(SheetRow(value=value, live=live, typed=typed))
    return rows


@dataclass
class RankRow:
    rank: int | None
    commune: Commune
    assessment: Assessment | None

    @property
    def pillars(self) -> dict[str, Decimal]:
        if not self.assessment:
            return {}
        return {k: Decimal(v) for k, v in self.assessment.summary.get("pillars", {}).items()}

    @property
    def pillar_list(self) -> list[Decimal | None]:
        """Pillar scores in the order of `Pillar`, None where the set has none or no score yet."""
        pillars = self.pillars if self.rank else {}
        return [pillars.get(code) for code in Pillar.values]


def ranking(indicator_set: IndicatorSet) -> list[RankRow]:
    """Every commune of the set's province: those with a score first (highest first, ties by
    code), then the ones that registered but did not submit, then those that did not register."""
    communes = Commune.objects.filter(province_id=indicator_set.province_id).only(
        "code", "name", "type", "province_id"
    )
    assessments = {
        a.commune_id: a
        for a in Assessment.objects.filter(indicator_set=indicator_set)
        .select_related("level")
        .only("commune_id", "status", "score", "summary", "level__name", "level__code", "indicator_set_id")
    }
    scored, waiting, absent = [], [], []
    for commune in communes:
        a = assessments.get(commune.code)
        if a is not None and a.status in SCORED and a.score is not None:
            scored.append((a, commune))
        elif a is not None:
            waiting.append(RankRow(None, commune, a))
        else:
            absent.append(RankRow(None, commune, None))
    scored.sort(key=lambda pair: (-pair[0].score, pair[1].code))
    rows = [RankRow(i, c, a) for i, (a, c) in enumerate(scored, start=1)]
    return rows + waiting + absent


def pillar_labels() -> list[tuple[str, str]]:
    return list(Pillar.choices)


def commune_history(actor, commune: Commune) -> QuerySet[Assessment]:
    """The commune's assessments over the years, oldest first (for the trend)."""
    return assessments_for(actor).filter(commune=commune).order_by("indicator_set__year")


def public_sets() -> QuerySet[IndicatorSet]:
    """Sets whose province switched its transparency page on."""
    return IndicatorSet.objects.filter(is_public=True, status=SetStatus.PUBLISHED).select_related("province")


def public_set(province_code: str, year: int) -> IndicatorSet:
    try:
        return public_sets().get(province_id=province_code, year=year)
    except (IndicatorSet.DoesNotExist, ValueError):
        raise NotFound("indicator set") from None


# --- Digital teams ----------------------------------------------------------------------------


def teams_for(actor, *, perm: str = VIEW) -> QuerySet[DigitalTeam]:
    return (
        DigitalTeam.objects.for_actor(actor, perm)
        .select_related("village", "commune")
        .prefetch_related("members")
    )


def team_for(actor, team_id: int, *, perm: str = VIEW) -> DigitalTeam:
    try:
        return teams_for(actor, perm=perm).get(pk=team_id)
    except (DigitalTeam.DoesNotExist, ValueError):
        raise NotFound("team") from None


def members_for(actor, *, perm: str = VIEW) -> QuerySet[TeamMember]:
    return TeamMember.objects.for_actor(actor, perm).select_related("team")


def trainings_for(actor) -> QuerySet[Training]:
    return Training.objects.for_actor(actor, VIEW).prefetch_related("attendees")


def help_logs_for(actor) -> QuerySet[HelpLog]:
    return HelpLog.objects.for_actor(actor, VIEW).select_related("village", "team", "helper")


# --- Plans ------------------------------------------------------------------------------------


def plans_for(actor) -> QuerySet[Plan]:
    """Plans of the actor's communes, of their communes' province, or of the provinces they supervise."""
    scope = scope_of(actor, VIEW)
    plans = Plan.objects.select_related("province", "commune")
    if scope.everything:
        return plans
    provinces = set(scope.province_codes) | set(
        Commune.objects.filter(code__in=scope.commune_codes).values_list("province_id", flat=True)
    )
    return plans.filter(
        Q(commune_id__in=scope.commune_codes)
        | Q(province_id__in=scope.province_codes)
        | Q(province_id__in=provinces, commune__isnull=True)
    )


def plan_for(actor, plan_id: int) -> Plan:
    try:
        return plans_for(actor).get(pk=plan_id)
    except (Plan.DoesNotExist, ValueError):
        raise NotFound("plan") from None


@dataclass
class ObjectiveProgress:
    objective: Objective
    tasks: list[PlanTask]
    done: int
    late: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / len(self.tasks)) if self.tasks else 0


def plan_progress(plan: Plan, *, today: date | None = None) -> list[ObjectiveProgress]:
    """Each objective with its tasks, how many are done, and how many are past their deadline."""
    today = today or timezone.localdate()
    out = []
    for objective in plan.objectives.prefetch_related("tasks"):
        tasks = list(objective.tasks.all())
        done = sum(t.status == TaskStatus.DONE for t in tasks)
        late = sum(t.status != TaskStatus.DONE and t.deadline < today for t in tasks)
        out.append(ObjectiveProgress(objective, tasks, done, late))
    return out


# --- Signed decisions -------------------------------------------------------------------------


def decision_credentials_for(actor, province_code: str):
    """The certificates `actor` may sign the province's decisions with: the province's seal and
    their own personal ones, not revoked. None for anyone but the province's supervisors."""
    if not holds(actor, REVIEW, province_code=province_code):
        return DecisionCredential.objects.none()
    return DecisionCredential.objects.filter(province_id=province_code, revoked_at__isnull=True).filter(
        holder__isnull=True
    ) | DecisionCredential.objects.filter(province_id=province_code, revoked_at__isnull=True, holder=actor)

"""The registry of automatic indicators.

A calculator is a small function over the platform's data: it takes commune codes and a period
and returns, for each commune, a `Result` — a `Measure` (what was counted) or "no data" with a
note saying why. It works on many communes at once (one grouped query, not one per commune), so
the province ranking and the national benchmark stay cheap; `compute_one` is the one-commune view.

A calculator whose source app is not on the platform yet is registered with `pending(...)`: it
always answers "no data" and names the selector it will read. It never makes a figure up.
Add one with `@register(...)`; indicator sets name calculators by their `name`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from xaso.dx.models import DIGITAL_CITIZEN_ACTIONS, DigitalTeam, HelpAction, HelpLog, Kind, TeamMember
from xaso.dx.scoring import Measure
from xaso.places.selectors import village_counts


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))


@dataclass(frozen=True)
class Result:
    measure: Measure | None
    note: str = ""

    @property
    def has_data(self) -> bool:
        return self.measure is not None


Compute = Callable[[list[str], Period], dict[str, Result]]


@dataclass(frozen=True)
class Calculator:
    name: str
    kind: str
    title: str
    reads: str
    compute: Compute
    available: bool = True


REGISTRY: dict[str, Calculator] = {}


def register(name: str, *, kind: str, title, reads: str):
    def decorator(fn: Compute) -> Compute:
        REGISTRY[name] = Calculator(name=name, kind=kind, title=title, reads=reads, compute=fn)
        return fn

    return decorator


def pending(name: str, *, kind: str, title, reads: str) -> None:
    """Register a calculator whose data is not on the platform yet: it answers "no data"."""
    note = f"no data: needs {reads}"

    def compute(communes: list[str], period: Period) -> dict[str, Result]:
        return {code: Result(None, note) for code in communes}

    REGISTRY[name] = Calculator(
        name=name, kind=kind, title=title, reads=reads, compute=compute, available=False
    )


def compute_many(name: str, communes: Iterable[str], period: Period) -> dict[str, Result]:
    calculator = REGISTRY.get(name)
    codes = list(communes)
    if calculator is None:
        return {code: Result(None, f"no data: unknown calculator {name!r}") for code in codes}
    results = calculator.compute(codes, period)
    return {code: results.get(code) or Result(None, "no data") for code in codes}


def compute_one(name: str, commune_code: str, period: Period) -> Result:
    return compute_many(name, [commune_code], period)[commune_code]


def _count(n) -> Measure:
    return Measure(value=Decimal(n))


def _share(numerator, denominator) -> Measure:
    return Measure(numerator=Decimal(numerator), denominator=Decimal(denominator))


# --- Calculators over data that exists: places (villages) and dx itself ----------------------


@register(
    "dx.villages_with_team",
    kind=Kind.PERCENTAGE,
    title=_("Villages with an active community digital team"),
    reads="places.selectors.village_counts, dx digital teams",
)
def villages_with_team(communes: list[str], period: Period) -> dict[str, Result]:
    """Villages having an active team founded by the period's end, over all the commune's villages.
    A commune with no villages recorded has no data (not 0%, not 100%)."""
    villages = village_counts(communes)
    teams = (
        DigitalTeam.objects.filter(commune_id__in=communes, is_active=True, village__isnull=False)
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=period.end))
        .values("commune_id")
        .annotate(n=Count("village_id", distinct=True))
        .order_by()
    )
    with_team = {row["commune_id"]: row["n"] for row in teams}
    out = {}
    for code in communes:
        total = villages.get(code, 0)
        out[code] = (
            Result(_share(with_team.get(code, 0), total))
            if total
            else Result(None, "no data: no villages recorded")
        )
    return out


@register(
    "dx.has_team",
    kind=Kind.YES_NO,
    title=_("The commune has an active community digital team"),
    reads="dx digital teams",
)
def has_team(communes: list[str], period: Period) -> dict[str, Result]:
    """Yes when any active team of the commune (commune-wide or a village's) exists."""
    present = set(
        DigitalTeam.objects.filter(commune_id__in=communes, is_active=True)
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=period.end))
        .values_list("commune_id", flat=True)
        .distinct()
    )
    return {code: Result(_count(1 if code in present else 0)) for code in communes}


@register(
    "dx.team_members",
    kind=Kind.COUNT,
    title=_("Members of community digital teams"),
    reads="dx digital team members",
)
def team_members(communes: list[str], period: Period) -> dict[str, Result]:
    """Active members of the commune's active teams."""
    rows = (
        TeamMember.objects.filter(team__commune_id__in=communes, team__is_active=True, is_active=True)
        .values("team__commune_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["team__commune_id"]: row["n"] for row in rows}
    return {code: Result(_count(counts.get(code, 0))) for code in communes}


@register(
    "dx.members_trained",
    kind=Kind.PERCENTAGE,
    title=_("Digital team members trained during the period"),
    reads="dx digital team members and trainings",
)
def members_trained(communes: list[str], period: Period) -> dict[str, Result]:
    """Active members who attended at least one training held in the period, over all active
    members. A commune without members has no data."""
    members = TeamMember.objects.filter(team__commune_id__in=communes, team__is_active=True, is_active=True)
    in_period = Q(trainings__held_on__gte=period.start, trainings__held_on__lte=period.end)
    rows = (
        members.values("team__commune_id")
        .annotate(total=Count("pk", distinct=True), trained=Count("pk", filter=in_period, distinct=True))
        .order_by()
    )
    found = {row["team__commune_id"]: row for row in rows}
    out = {}
    for code in communes:
        row = found.get(code)
        out[code] = (
            Result(_share(row["trained"], row["total"])) if row else Result(None, "no data: no team members")
        )
    return out


def _households(communes: list[str], period: Period, actions=None) -> dict[str, int]:
    logs = HelpLog.objects.filter(
        commune_id__in=communes, helped_on__gte=period.start, helped_on__lte=period.end
    )
    if actions is not None:
        logs = logs.filter(action__in=list(actions))
    rows = logs.values("commune_id").annotate(n=Count("household_key", distinct=True)).order_by()
    return {row["commune_id"]: row["n"] for row in rows}


@register(
    "dx.households_helped",
    kind=Kind.COUNT,
    title=_("Households helped door to door"),
    reads="dx help logs",
)
def households_helped(communes: list[str], period: Period) -> dict[str, Result]:
    """Distinct households that a team member logged helping during the period."""
    counts = _households(communes, period)
    return {code: Result(_count(counts.get(code, 0))) for code in communes}


@register(
    "dx.digital_citizens",
    kind=Kind.COUNT,
    title=_("Households helped to become digital citizens"),
    reads="dx help logs",
)
def digital_citizens(communes: list[str], period: Period) -> dict[str, Result]:
    """Distinct households helped to activate the e-ID app, open an e-payment account or file a
    first online dossier during the period."""
    counts = _households(communes, period, DIGITAL_CITIZEN_ACTIONS)
    return {code: Result(_count(counts.get(code, 0))) for code in communes}


@register(
    "dx.online_shops_opened",
    kind=Kind.COUNT,
    title=_("Online shops opened with a team's help"),
    reads="dx help logs",
)
def online_shops_opened(communes: list[str], period: Period) -> dict[str, Result]:
    """Distinct households helped to open an online shop during the period."""
    counts = _households(communes, period, [HelpAction.ONLINE_SHOP])
    return {code: Result(_count(counts.get(code, 0))) for code in communes}


# --- Calculators whose source app is not on the platform yet ----------------------------------

pending(
    "onestop.dossiers_online",
    kind=Kind.PERCENTAGE,
    title=_("Dossiers received online"),
    reads="onestop.selectors (dossiers received in the period, by channel)",
)
pending(
    "onestop.dossiers_on_time",
    kind=Kind.PERCENTAGE,
    title=_("Dossiers processed on time"),
    reads="onestop.selectors (dossiers finished in the period, on time or late)",
)
pending(
    "onestop.results_signed",
    kind=Kind.PERCENTAGE,
    title=_("Results signed digitally"),
    reads="onestop.selectors (results issued in the period, signed or not)",
)
pending(
    "documents.exchanged_electronically",
    kind=Kind.PERCENTAGE,
    title=_("Official documents exchanged electronically"),
    reads="documents.selectors (incoming and outgoing documents of the period, by channel)",
)
pending(
    "community.households_reached",
    kind=Kind.PERCENTAGE,
    title=_("Households reached by village channels"),
    reads="community.selectors (households and announcement acknowledgements)",
)
pending(
    "community.villages_smart_radio",
    kind=Kind.PERCENTAGE,
    title=_("Villages covered by smart radio"),
    reads="community.selectors (radio clusters per village)",
)
pending(
    "community.feedback_on_time",
    kind=Kind.PERCENTAGE,
    title=_("Feedback reports resolved on time"),
    reads="community.selectors (feedback reports closed in the period, on time or late)",
)
pending(
    "economy.cashless_points",
    kind=Kind.COUNT,
    title=_("Cashless payment points"),
    reads="economy.selectors (merchants accepting QR payment)",
)
pending(
    "economy.products_online",
    kind=Kind.COUNT,
    title=_("Local products sold online"),
    reads="economy.selectors (products listed on e-commerce marketplaces)",
)
pending(
    "payments.fees_cashless",
    kind=Kind.PERCENTAGE,
    title=_("Fees paid without cash"),
    reads="payments.selectors (payment requests of the period, by method)",
)

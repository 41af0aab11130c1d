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

from xaso.community.selectors import (
    feedback_on_time_by_commune,
    households_reached_by_commune,
    radio_villages_by_commune,
)
from xaso.documents.registry.selectors import document_exchange_by_commune
from xaso.dx.models import DIGITAL_CITIZEN_ACTIONS, DigitalTeam, HelpAction, HelpLog, Kind, TeamMember
from xaso.dx.scoring import Measure
from xaso.economy.selectors import payment_points_by_communes, products_online_by_communes
from xaso.onestop.selectors import dossier_figures_by_commune
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


# --- Calculators over the other apps, read through their selectors ---------------------------
# Each selector answers for many communes in one or two grouped queries and leaves out a commune
# with no rows in its app: that commune has "no data" (not 0 %), since xaso cannot tell "none"
# from "not recorded here".


def _shares(communes, figures: dict, numerator: str, denominator: str, missing: str) -> dict[str, Result]:
    out = {}
    for code in communes:
        row = figures.get(code)
        out[code] = (
            Result(_share(row[numerator], row[denominator]))
            if row and row[denominator]
            else Result(None, f"no data: {missing}")
        )
    return out


@register(
    "onestop.dossiers_online",
    kind=Kind.PERCENTAGE,
    title=_("Dossiers received online"),
    reads="onestop.selectors.dossier_figures_by_commune",
)
def dossiers_online(communes: list[str], period: Period) -> dict[str, Result]:
    """Dossiers filed online over all dossiers received (online or at the counter) in the
    period. No dossier received: no data."""
    figures = dossier_figures_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "online", "received", "no dossier received in the period")


@register(
    "onestop.dossiers_on_time",
    kind=Kind.PERCENTAGE,
    title=_("Dossiers processed on time"),
    reads="onestop.selectors.dossier_figures_by_commune",
)
def dossiers_on_time(communes: list[str], period: Period) -> dict[str, Result]:
    """Dossiers settled (result ready, delivered or rejected) in the period on or before their due
    date, over all dossiers settled in the period. None settled: no data."""
    figures = dossier_figures_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "on_time", "settled", "no dossier settled in the period")


@register(
    "onestop.results_signed",
    kind=Kind.PERCENTAGE,
    title=_("Results signed digitally"),
    reads="onestop.selectors.dossier_figures_by_commune (documents.selectors.signed_subject_ids)",
)
def results_signed(communes: list[str], period: Period) -> dict[str, Result]:
    """Results issued in the period (dossiers settled with a result) that a signed document of
    documents is linked to (subject "onestop.dossier" and the dossier's id), over all results
    issued in the period. No result issued: no data."""
    figures = dossier_figures_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "results_signed", "results", "no result issued in the period")


@register(
    "documents.exchanged_electronically",
    kind=Kind.PERCENTAGE,
    title=_("Official documents exchanged electronically"),
    reads="documents.selectors.document_exchange_by_commune",
)
def exchanged_electronically(communes: list[str], period: Period) -> dict[str, Result]:
    """Documents entered in the register books in the period (incoming registered, outgoing
    issued) that travelled electronically — outgoing issued with a digital signature, incoming
    registered with a born-digital PDF — over all of them. None registered: no data."""
    figures = document_exchange_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "electronic", "documents", "no document registered in the period")


@register(
    "community.households_reached",
    kind=Kind.PERCENTAGE,
    title=_("Households reached by village channels"),
    reads="community.selectors.households_reached_by_commune",
)
def households_reached(communes: list[str], period: Period) -> dict[str, Result]:
    """Households reached by at least one announcement published in the period (link confirmed or
    told in person), over the households on the commune's list. No household list: no data."""
    figures = households_reached_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "reached", "households", "no household list")


@register(
    "community.villages_smart_radio",
    kind=Kind.PERCENTAGE,
    title=_("Villages covered by smart radio"),
    reads="community.selectors.radio_villages_by_commune, places.selectors.village_counts",
)
def villages_smart_radio(communes: list[str], period: Period) -> dict[str, Result]:
    """Villages with a loudspeaker cluster set up by the period's end, over all the commune's
    villages. No villages recorded, or no cluster on xaso at all: no data."""
    clusters = radio_villages_by_commune(communes, end=period.end)
    villages = village_counts(communes)
    out = {}
    for code in communes:
        row, total = clusters.get(code), villages.get(code, 0)
        if not total:
            out[code] = Result(None, "no data: no villages recorded")
        elif row is None:
            out[code] = Result(None, "no data: no loudspeaker cluster on xaso")
        else:
            out[code] = Result(_share(min(row["villages"], total), total))
    return out


@register(
    "community.feedback_on_time",
    kind=Kind.PERCENTAGE,
    title=_("Feedback reports resolved on time"),
    reads="community.selectors.feedback_on_time_by_commune",
)
def feedback_on_time(communes: list[str], period: Period) -> dict[str, Result]:
    """Citizen reports due in the period and resolved by their due date, over the reports due in
    the period that are resolved or already late (merged ones and those not yet due left out).
    None: no data."""
    figures = feedback_on_time_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "on_time", "due", "no feedback report due in the period")


@register(
    "economy.cashless_points",
    kind=Kind.COUNT,
    title=_("Cashless payment points"),
    reads="economy.selectors.payment_points_by_communes",
)
def cashless_points(communes: list[str], period: Period) -> dict[str, Result]:
    """Active cashless payment points (static VietQR: stalls, shops, school and utility desks) set
    up by the period's end. None on xaso: no data."""
    counts = payment_points_by_communes(communes, end=period.end)
    return {
        code: Result(_count(counts[code])) if counts.get(code) else Result(None, "no data: no payment point")
        for code in communes
    }


@register(
    "economy.products_online",
    kind=Kind.COUNT,
    title=_("Local products sold online"),
    reads="economy.selectors.products_online_by_communes",
)
def products_online(communes: list[str], period: Period) -> dict[str, Result]:
    """The commune's products listed on at least one e-commerce marketplace (a marketplace link
    recorded; today's listings, as the catalogue keeps no history). No product on xaso: no data."""
    figures = products_online_by_communes(communes)
    return {
        code: Result(_count(figures[code]["online"]))
        if code in figures
        else Result(None, "no data: no product")
        for code in communes
    }


# --- Calculators whose data is not on the platform ------------------------------------------

pending(
    "payments.fees_cashless",
    kind=Kind.PERCENTAGE,
    title=_("Fees paid without cash"),
    # payments keeps QR transfers only; a fee paid in cash at the counter is recorded nowhere,
    # so the share has no denominator on the platform.
    reads="a record of fees paid in cash (payments keeps only QR transfers)",
)

"""Calculators over data that exists in places (villages) and in dx itself (teams, trainings,
help logs, the news of the portal's DX section). Registered when the app is ready (apps.py)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as N_

from xaso.core.calendar import day_bounds
from xaso.dx.calculators import Period, Result, count_of, register, share_of
from xaso.dx.models import (
    DIGITAL_CITIZEN_ACTIONS,
    DigitalTeam,
    HelpAction,
    HelpLog,
    Kind,
    NewsItem,
    NewsStatus,
    TeamMember,
)
from xaso.places.selectors import village_counts


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
            Result(share_of(with_team.get(code, 0), total))
            if total
            else Result(None, N_("no data: no villages recorded"))
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
    return {code: Result(count_of(1 if code in present else 0)) for code in communes}


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
    return {code: Result(count_of(counts.get(code, 0))) for code in communes}


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
            Result(share_of(row["trained"], row["total"]))
            if row
            else Result(None, N_("no data: no team members"))
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
    return {code: Result(count_of(counts.get(code, 0))) for code in communes}


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
    return {code: Result(count_of(counts.get(code, 0))) for code in communes}


@register(
    "dx.online_shops_opened",
    kind=Kind.COUNT,
    title=_("Online shops opened with a team's help"),
    reads="dx help logs",
)
def online_shops_opened(communes: list[str], period: Period) -> dict[str, Result]:
    """Distinct households helped to open an online shop during the period."""
    counts = _households(communes, period, [HelpAction.ONLINE_SHOP])
    return {code: Result(count_of(counts.get(code, 0))) for code in communes}


@register(
    "dx.portal_news",
    kind=Kind.YES_NO,
    title=_("The commune's portal has a digital transformation section with news"),
    reads="dx news items",
)
def portal_news(communes: list[str], period: Period) -> dict[str, Result]:
    """Yes when the commune published at least one DX news item during the period (its first
    publication date, a local day within the period) that is still published: every portal has
    the section, so what shows the commune keeps one is news posted in the assessed year; an
    item withdrawn since does not count. No, not "no data", when there is none: the news lives
    in xaso, so none recorded means none posted."""
    since, until = day_bounds(period.start, period.end)
    present = set(
        NewsItem.objects.filter(
            commune_id__in=communes,
            status=NewsStatus.PUBLISHED,
            published_at__gte=since,
            published_at__lt=until,
        )
        .values_list("commune_id", flat=True)
        .distinct()
    )
    return {code: Result(count_of(1 if code in present else 0)) for code in communes}

"""Coverage: households reached / households, per village and commune, over a period.

A household counts as reached in a period when at least one announcement published in that
period reached it (its contact confirmed by the link, or the village head told it in person).
The denominator is the households on the list now. Aggregates only: no personal data, so these
reads take a commune rather than an actor; the DX indicators read `coverage_for_commune`.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q

from xaso.community.models import Announcement, Delivery, Household
from xaso.core.calendar import day_bounds, day_start
from xaso.places.models import Commune, Village


@dataclass(frozen=True)
class VillageCoverage:
    village_id: int
    village_name: str
    households: int
    reached: int

    @property
    def ratio(self) -> float:
        return self.reached / self.households if self.households else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.ratio)


@dataclass(frozen=True)
class Coverage:
    commune_code: str
    start: datetime | None
    end: datetime | None
    households: int
    reached: int
    villages: list[VillageCoverage] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.reached / self.households if self.households else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.ratio)


def _bound(value, *, end: bool) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    # A date bound covers that whole day, in the commune's time zone.
    return day_bounds(value)[1] if end else day_start(value)


def _assemble(commune_code, start, end, households: dict[int, int], reached: dict[int, int]) -> Coverage:
    names = dict(Village.objects.filter(pk__in=households.keys()).values_list("pk", "name"))
    villages = [
        VillageCoverage(pk, names.get(pk, ""), households[pk], reached.get(pk, 0))
        for pk in sorted(households, key=lambda pk: names.get(pk, ""))
    ]
    return Coverage(
        commune_code, start, end, sum(households.values()), sum(v.reached for v in villages), villages
    )


def coverage_for_commune(
    commune: Commune, period: tuple[date | datetime | None, date | datetime | None] | None = None
) -> Coverage:
    """Households reached by the announcements published in `period` (inclusive dates, or
    datetimes [start, end)), over the households now on the list, per village."""
    start, end = (_bound(period[0], end=False), _bound(period[1], end=True)) if period else (None, None)
    households = dict(
        Household.objects.filter(commune=commune).values_list("village_id").annotate(n=Count("pk")).order_by()
    )
    published = Q(announcement__commune=commune, reached_at__isnull=False)
    if start is not None:
        published &= Q(announcement__publish_at__gte=start)
    if end is not None:
        published &= Q(announcement__publish_at__lt=end)
    reached = dict(
        Delivery.objects.filter(published, household__commune=commune)
        .values_list("household__village_id")
        .annotate(n=Count("household_id", distinct=True))
        .order_by()
    )
    return _assemble(commune.code, start, end, households, reached)


def coverage_series(commune: Commune, *, start: date, end: date, days: int = 7) -> list[Coverage]:
    """Coverage in consecutive windows of `days` from `start` to `end`: the figure over time."""
    series, cursor = [], start
    while cursor <= end:
        last = min(end, cursor + timedelta(days=days - 1))
        series.append(coverage_for_commune(commune, (cursor, last)))
        cursor = last + timedelta(days=1)
    return series


def coverage_for_announcement(announcement: Announcement) -> Coverage:
    """Of the households an announcement was delivered to, how many were reached, per village."""
    rows = (
        Delivery.objects.filter(announcement=announcement)
        .values_list("village_id")
        .annotate(total=Count("pk"), reached=Count("pk", filter=Q(reached_at__isnull=False)))
        .order_by()
    )
    households = {v: total for v, total, _r in rows}
    reached = {v: r for v, _total, r in rows}
    return _assemble(announcement.commune_id, None, None, households, reached)

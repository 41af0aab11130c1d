"""Reports: per commune (or per province, rolled up) and period — received, online share,
on-time share, late, by procedure, by officer, by commune, ratings. One aggregate query per
table, scoped to the actor (onestop.view_reports), so a province month stays well under a second.

On time: a settled dossier (result ready, delivered or rejected) finished on or before its due
date; a dossier whose clock still runs is late once its due date has passed."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, F, Q, QuerySet

from xaso.core.calendar import LOCAL_TZ, local_today
from xaso.onestop.models import CLOCK_RUNNING, SETTLED, Channel, RatingLevel, Status
from xaso.onestop.selectors import dossiers_for

VIEW_REPORTS = "onestop.view_reports"


@dataclass
class Row:
    label: str
    received: int = 0
    online: int = 0
    settled: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def online_share(self) -> float:
        return self.online / self.received if self.received else 0.0

    @property
    def on_time_share(self) -> float:
        return self.on_time / self.settled if self.settled else 0.0


@dataclass
class Report:
    start: date
    end: date
    total: Row
    by_procedure: list[Row] = field(default_factory=list)
    by_officer: list[Row] = field(default_factory=list)
    by_commune: list[Row] = field(default_factory=list)
    ratings: list[tuple[str, int]] = field(default_factory=list)
    rating_average: float | None = None


def _aggregates(today: date) -> dict:
    settled = Q(status__in=SETTLED)
    finished_on_time = settled & Q(finished_at__date__lte=F("due_date"))
    late = (settled & Q(finished_at__date__gt=F("due_date"))) | Q(
        status__in=CLOCK_RUNNING, due_date__lt=today
    )
    return {
        "received": Count("pk"),
        "online": Count("pk", filter=Q(channel=Channel.ONLINE)),
        "settled": Count("pk", filter=settled),
        "on_time": Count("pk", filter=finished_on_time),
        "late": Count("pk", filter=late),
    }


def _rows(queryset: QuerySet, key: str, today: date) -> list[Row]:
    rows = queryset.values(key).annotate(**_aggregates(today)).order_by("-received")
    return [
        Row(label=r[key] or "—", **{k: r[k] for k in ("received", "online", "settled", "on_time", "late")})
        for r in rows
    ]


def report_for(actor, *, start: date, end: date, commune_code: str | None = None) -> Report:
    """The report of the dossiers received in [start, end] that the actor may see (their
    commune, or every commune of their province), optionally narrowed to one commune."""
    today = local_today()
    since = datetime.combine(start, time.min, tzinfo=LOCAL_TZ)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=LOCAL_TZ)
    base = (
        dossiers_for(actor, perm=VIEW_REPORTS)
        .exclude(status=Status.DRAFT)
        .filter(received_at__gte=since, received_at__lt=until)
    )
    if commune_code:
        base = base.filter(commune_id=commune_code)
    total = base.aggregate(**_aggregates(today))
    ratings = dict(base.filter(rating__isnull=False).values_list("rating__level").annotate(n=Count("pk")))
    average = base.filter(rating__isnull=False).aggregate(a=Avg("rating__level"))["a"]
    return Report(
        start=start,
        end=end,
        total=Row(label="", **total),
        by_procedure=_rows(base, "procedure__name", today),
        by_officer=_rows(base.exclude(assignee=None), "assignee__full_name", today),
        by_commune=_rows(base, "commune__name", today),
        ratings=[(str(label), ratings.get(level, 0)) for level, label in RatingLevel.choices],
        rating_average=average,
    )

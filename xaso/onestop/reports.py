"""Reports: per commune (or per province, rolled up) and period — received, online share,
on-time share, late, by procedure, by officer, by commune, ratings. One grouped query rolled up
for every table, scoped to the actor (onestop.view_reports), so a province month stays under a
second.

On time: a settled dossier (result ready, delivered or rejected) finished on or before its due
date; a dossier whose clock still runs is late once its due date has passed."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, DateField, Func, Q

from xaso.accounts.models import User
from xaso.core.calendar import LOCAL_TZ, day_bounds, local_today
from xaso.onestop.models import CLOCK_RUNNING, SETTLED, Channel, Dossier, Procedure, RatingLevel, Status
from xaso.places.models import Commune

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


class LocalDate(Func):
    """The local calendar date of a stored moment, in plain SQL. Django's `__date` runs a Python
    function per row on SQLite (3 s over a province month); Vietnam keeps one offset all year
    (no daylight saving), so adding it is exact."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        hours = int(LOCAL_TZ.utcoffset(datetime(2000, 1, 1)).total_seconds() // 3600)
        return self.as_sql(
            compiler, connection, template=f"date(%(expressions)s, '{hours:+d} hours')", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template=f"(%(expressions)s AT TIME ZONE '{LOCAL_TZ.key}')::date"
        )


def _aggregates(today: date) -> dict:
    settled = Q(status__in=SETTLED)
    finished = LocalDate("finished_at")
    finished_on_time = settled & Q(due_date__gte=finished)
    late = (settled & Q(due_date__lt=finished)) | Q(status__in=CLOCK_RUNNING, due_date__lt=today)
    # Counted over `commune` (never null), a column of the covering index `dossier_report`: the
    # primary key is not in it on PostgreSQL, and COUNT(id) sent the planner to the table.
    counted = "commune"
    return {
        "received": Count(counted),
        "online": Count(counted, filter=Q(channel=Channel.ONLINE)),
        "settled": Count(counted, filter=settled),
        "on_time": Count(counted, filter=finished_on_time),
        "late": Count(counted, filter=late),
    }


def _add(row: Row, group: dict) -> None:
    for key in ("received", "online", "settled", "on_time", "late"):
        setattr(row, key, getattr(row, key) + group[key])


def _rolled_up(groups: list[dict], key: str, labels: dict) -> list[Row]:
    rows: dict = {}
    for group in groups:
        if group[key] is None:
            continue
        _add(rows.setdefault(group[key], Row(label=labels.get(group[key]) or "—")), group)
    return sorted(rows.values(), key=lambda r: (-r.received, r.label))


def report_for(actor, *, start: date, end: date, commune_code: str | None = None) -> Report:
    """The report of the dossiers received in [start, end] that the actor may see (their
    commune, or every commune of their province), optionally narrowed to one commune.

    One pass over the period's dossiers, grouped by (commune, procedure, officer), rolled up
    here into the total and the three tables (a province month is ~170,000 dossiers: one scan
    instead of four), read from the covering index `dossier_report` alone; the ratings are one
    more small query."""
    today = local_today()
    since, until = day_bounds(start, end)
    # The report covers the communes the actor oversees, not their own dossiers as a citizen.
    base = (
        Dossier.objects.for_actor(actor, VIEW_REPORTS, as_citizen=False)
        .exclude(status=Status.DRAFT)
        .filter(received_at__gte=since, received_at__lt=until)
    )
    if commune_code:
        base = base.filter(commune_id=commune_code)
    groups = list(
        base.values("commune_id", "procedure_id", "assignee_id").annotate(**_aggregates(today)).order_by()
    )
    total = Row(label="")
    for group in groups:
        _add(total, group)

    def labels(model, ids, field):
        wanted = {g[ids] for g in groups if g[ids] is not None}
        return dict(model.objects.filter(pk__in=wanted).values_list("pk", field)) if wanted else {}

    # A rating is given after delivery, so never before its dossier was received: the ratings of
    # the period's dossiers are among those given since its start (index `rating_report`), a
    # month's worth instead of a probe into the ratings for each of the period's dossiers.
    rated_since = base.filter(rating__created_at__gte=since)
    ratings = dict(rated_since.values_list("rating__level").annotate(n=Count("commune")))
    rated = sum(ratings.values())
    return Report(
        start=start,
        end=end,
        total=total,
        by_procedure=_rolled_up(groups, "procedure_id", labels(Procedure, "procedure_id", "name")),
        by_officer=_rolled_up(groups, "assignee_id", labels(User, "assignee_id", "full_name")),
        by_commune=_rolled_up(groups, "commune_id", labels(Commune, "commune_id", "name")),
        ratings=[(str(label), ratings.get(level, 0)) for level, label in RatingLevel.choices],
        rating_average=sum(level * n for level, n in ratings.items()) / rated if rated else None,
    )

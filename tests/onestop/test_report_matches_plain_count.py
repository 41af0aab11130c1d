"""The report's one grouped pass (counted over the covering index, ratings read from those given
since the period began) gives what a plain count over every dossier, one by one, gives."""

import itertools
from datetime import date, datetime, time, timedelta
from unittest import mock

import pytest

from tests import factories as f
from tests.support.dossiers import BIRTH_DATA, TUESDAY_9AM
from xaso.core.calendar import LOCAL_TZ, local_today
from xaso.onestop.models import CLOCK_RUNNING, SETTLED, Channel, Dossier, Rating, RatingLevel, Status
from xaso.onestop.reports import report_for
from xaso.onestop.services.filing import dossier_submit

pytestmark = pytest.mark.django_db
START, END = date(2026, 3, 1), date(2026, 3, 31)


def plain_count(dossiers, start, end):
    """The report's definitions, applied to each dossier in Python."""
    today = local_today()
    counts = {"received": 0, "online": 0, "settled": 0, "on_time": 0, "late": 0}
    ratings = {level: 0 for level in RatingLevel.values}
    for d in dossiers:
        if d.status == Status.DRAFT or not (start <= d.received_at.astimezone(LOCAL_TZ).date() <= end):
            continue
        finished = d.finished_at.astimezone(LOCAL_TZ).date() if d.finished_at else None
        settled = d.status in SETTLED
        counts["received"] += 1
        counts["online"] += d.channel == Channel.ONLINE
        counts["settled"] += settled
        counts["on_time"] += settled and finished is not None and d.due_date >= finished
        counts["late"] += (settled and finished is not None and d.due_date < finished) or (
            d.status in CLOCK_RUNNING and d.due_date < today
        )
        rating = Rating.objects.filter(dossier=d).first()
        if rating:
            ratings[rating.level] += 1
    return counts, ratings


@pytest.fixture
def province_month(citizen, commune, other_commune, birth, walk):
    """Two communes' dossiers in every state, some received just outside March, some rated."""
    other = f.citizen(commune_obj=other_commune)
    made = []
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_9AM):
        for i in range(6):
            made.append(
                walk(
                    # Each a different child: two approvals of one birth would be a duplicate
                    # in the civil-status register (xaso.civil), which refuses it.
                    dossier_submit(
                        actor=citizen,
                        procedure=birth,
                        commune=commune,
                        data={**BIRTH_DATA, "child_name": f"Lê Minh An {i}"},
                    ),
                    ["receive", "assign", "deliver"][i % 3],
                )
            )
        for _ in range(3):
            made.append(
                dossier_submit(actor=other, procedure=birth, commune=other_commune, data=dict(BIRTH_DATA))
            )
    statuses = itertools.cycle(
        [Status.DELIVERED, Status.REJECTED, Status.PROCESSING, Status.RESULT_READY, Status.SUBMITTED]
    )
    # Received: the first and last moments of March (local time), and just outside it.
    moments = itertools.cycle(
        [
            datetime.combine(START, time.min, tzinfo=LOCAL_TZ),
            datetime.combine(END, time(23, 59), tzinfo=LOCAL_TZ),
            datetime.combine(START, time.min, tzinfo=LOCAL_TZ) - timedelta(minutes=1),
            datetime.combine(END + timedelta(days=1), time.min, tzinfo=LOCAL_TZ),
            TUESDAY_9AM,
        ]
    )
    for n, dossier in enumerate(made):
        status, received = next(statuses), next(moments)
        finished = received + timedelta(days=n % 4, hours=20) if status in SETTLED else None
        Dossier.objects.filter(pk=dossier.pk).update(
            status=status,
            received_at=received,
            channel=Channel.ONLINE if n % 2 else Channel.COUNTER,
            due_date=received.astimezone(LOCAL_TZ).date() + timedelta(days=2),
            finished_at=finished,
        )
        if n % 3 != 2:
            Rating.objects.create(dossier=dossier, level=RatingLevel.values[n % 4])
    return made


def test_the_province_report_matches_a_plain_count(province_month, province_supervisor):
    report = report_for(province_supervisor, start=START, end=END)
    counts, ratings = plain_count(Dossier.objects.all(), START, END)
    assert counts["received"] >= 5 and counts["late"] and counts["on_time"] and sum(ratings.values())
    total = report.total
    assert {k: getattr(total, k) for k in counts} == counts
    assert dict(report.ratings) == {str(RatingLevel(level).label): n for level, n in ratings.items()}
    assert sum(row.received for row in report.by_commune) == counts["received"]
    assert sum(row.received for row in report.by_procedure) == counts["received"]


def test_a_commune_report_matches_a_plain_count(province_month, commune_leader, commune):
    report = report_for(commune_leader, start=START, end=END)
    counts, ratings = plain_count(Dossier.objects.filter(commune=commune), START, END)
    assert {k: getattr(report.total, k) for k in counts} == counts
    assert dict(report.ratings) == {str(RatingLevel(level).label): n for level, n in ratings.items()}

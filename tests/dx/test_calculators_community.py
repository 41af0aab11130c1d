"""The community indicators against hand-counted households, loudspeakers and feedback."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from tests import factories as f
from xaso.community.models import Announcement, Delivery, FeedbackReport, Household, SpeakerCluster
from xaso.community.selectors import feedback_on_time_by_commune
from xaso.core.calendar import LOCAL_TZ
from xaso.dx.calculators import Period, compute_one

Y2025 = Period.year(2025)


def _at(y, m, d, hh=9):
    return datetime(y, m, d, hh, tzinfo=LOCAL_TZ)


def _pair(name, code):
    m = compute_one(name, code, Y2025).measure
    return (m.numerator, m.denominator)


@pytest.fixture
def villages(commune):
    return [f.village(commune, f"Thôn {i}") for i in range(1, 5)]


def test_households_reached_by_announcements_of_the_period_over_the_list(
    villages, commune, other_commune, village_head
):
    h = [
        Household.objects.create(commune=commune, village=villages[i % 2], code=f"H{i}", head_name=f"Chủ {i}")
        for i in range(1, 5)
    ]

    def announce(published, reached: dict):
        a = Announcement.objects.create(
            commune=commune, title="Họp thôn", body="…", publish_at=published, created_by=village_head
        )
        for household, was_reached in reached.items():
            Delivery.objects.create(
                announcement=a,
                household=household,
                village=household.village,
                reached_at=published if was_reached else None,
            )

    announce(_at(2025, 3, 1), {h[0]: True, h[1]: False, h[2]: True})
    announce(_at(2025, 5, 1), {h[0]: True})  # the same household twice counts once
    announce(_at(2024, 12, 1), {h[3]: True})  # another year

    assert _pair("community.households_reached", commune.code) == (D(2), D(4))
    none = compute_one("community.households_reached", other_commune.code, Y2025)
    assert none.measure is None and "household" in none.note


def test_villages_with_a_loudspeaker_cluster_set_up_by_the_period_end(villages, commune, other_commune):
    f.village(other_commune, "Thôn Đông")
    for n, (village, created) in enumerate(
        [
            (villages[0], _at(2025, 1, 1)),
            (villages[0], _at(2025, 2, 1)),  # a second cluster in the same village
            (villages[1], _at(2024, 6, 1)),
            (None, _at(2025, 1, 1)),  # commune-wide: no village in particular
            (villages[2], _at(2026, 1, 2)),  # set up after the period
        ]
    ):
        SpeakerCluster.objects.create(
            commune=commune, village=village, name=f"Cụm {n}", token_hash=f"{n:064d}", created_at=created
        )

    assert _pair("community.villages_smart_radio", commune.code) == (D(2), D(4))
    none = compute_one("community.villages_smart_radio", other_commune.code, Y2025)
    assert none.measure is None and "loudspeaker" in none.note


@pytest.fixture
def reports(commune):
    rows = [
        ("resolved", date(2025, 3, 5), _at(2025, 3, 4)),  # on time
        ("resolved", date(2025, 3, 5), _at(2025, 3, 10)),  # late
        ("received", date(2025, 4, 1), None),  # never resolved: late once due
        ("answered", date(2025, 6, 1), None),  # answered is not resolved
        ("merged", date(2025, 3, 5), None),  # counted in the report it joined
        ("resolved", date(2024, 12, 20), _at(2024, 12, 19)),  # another year
    ]
    for n, (status, due, resolved) in enumerate(rows):
        FeedbackReport.objects.create(
            commune=commune,
            category="roads",
            text="Ổ gà",
            tracking_code=f"PA{n}",
            status=status,
            due_on=due,
            resolved_at=resolved,
        )


def test_feedback_resolved_by_its_due_date_over_the_reports_due_and_judged(reports, commune, other_commune):
    assert _pair("community.feedback_on_time", commune.code) == (D(1), D(4))
    assert compute_one("community.feedback_on_time", other_commune.code, Y2025).measure is None


def test_feedback_not_yet_due_is_not_judged(reports, commune):
    figures = feedback_on_time_by_commune(
        [commune.code], start=date(2025, 1, 1), end=date(2025, 12, 31), today=date(2025, 4, 1)
    )
    assert figures[commune.code] == {"due": 2, "on_time": 1}

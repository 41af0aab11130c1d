from datetime import timedelta

import pytest
from django.utils import timezone

from tests.support.households import household
from xaso.community.coverage import coverage_for_announcement, coverage_for_commune, coverage_series
from xaso.community.models import Announcement, Delivery, ReachedHow
from xaso.community.services.announcements import (
    announcement_create,
    deliveries_mark_in_person,
    delivery_acknowledge,
)
from xaso.community.services.fanout import ack_token
from xaso.core.errors import NotAllowed


@pytest.fixture
def homes(commune, village, other_village):
    return [
        household(commune, village, "A-1"),
        household(commune, village, "A-2"),
        household(commune, other_village, "B-1"),
        household(commune, other_village, "B-2"),
    ]


def _reach(announcement, code, village_head=None):
    delivery = Delivery.objects.get(announcement=announcement, household__code=code)
    if village_head:
        deliveries_mark_in_person(actor=village_head, announcement=announcement, delivery_ids=[delivery.pk])
    else:
        delivery_acknowledge(token=ack_token(delivery.pk))


def test_coverage_counts_households_reached_by_link_or_in_person(village_head, commune, village, homes):
    announcement = announcement_create(actor=village_head, commune=commune, title="T", body="B")
    assert coverage_for_commune(commune).reached == 0
    _reach(announcement, "A-1")
    _reach(announcement, "B-1", village_head)
    coverage = coverage_for_commune(commune)
    assert (coverage.reached, coverage.households, coverage.percent) == (2, 4, 50)
    by_village = {v.village_name: (v.reached, v.households) for v in coverage.villages}
    assert by_village == {"Thôn Phúc Lộc": (1, 2), "Thôn Đông Sơn": (1, 2)}
    told = Delivery.objects.get(household__code="B-1")
    assert (told.reached_how, told.reached_by) == (ReachedHow.IN_PERSON, village_head)


def test_a_household_reached_twice_counts_once(village_head, commune, homes):
    first = announcement_create(actor=village_head, commune=commune, title="T1", body="B")
    second = announcement_create(actor=village_head, commune=commune, title="T2", body="B")
    _reach(first, "A-1")
    _reach(second, "A-1")
    assert coverage_for_commune(commune).reached == 1


def test_coverage_of_a_period_counts_only_its_announcements(village_head, commune, homes):
    old = announcement_create(actor=village_head, commune=commune, title="Old", body="B")
    Announcement.objects.filter(pk=old.pk).update(publish_at=timezone.now() - timedelta(days=40))
    _reach(old, "A-1")
    recent = announcement_create(actor=village_head, commune=commune, title="New", body="B")
    _reach(recent, "A-2")
    _reach(recent, "B-2")
    today = timezone.localdate()
    assert coverage_for_commune(commune, (today - timedelta(days=29), today)).reached == 2
    assert (
        coverage_for_commune(commune, (today - timedelta(days=60), today - timedelta(days=30))).reached == 1
    )
    series = coverage_series(commune, start=today - timedelta(days=41), end=today, days=14)
    assert [c.reached for c in series] == [1, 0, 2]


def test_the_coverage_of_one_announcement_is_over_its_own_households(village_head, commune, village, homes):
    announcement = announcement_create(
        actor=village_head, commune=commune, title="T", body="B", villages=[village]
    )
    _reach(announcement, "A-2")
    coverage = coverage_for_announcement(announcement)
    assert (coverage.reached, coverage.households) == (1, 2)


def test_told_in_person_keeps_a_confirmation_by_link(village_head, commune, homes):
    announcement = announcement_create(actor=village_head, commune=commune, title="T", body="B")
    _reach(announcement, "A-1")
    delivery = Delivery.objects.get(household__code="A-1")
    assert (
        deliveries_mark_in_person(actor=village_head, announcement=announcement, delivery_ids=[delivery.pk])
        == 0
    )
    delivery.refresh_from_db()
    assert delivery.reached_how == ReachedHow.LINK


def test_an_officer_of_another_commune_cannot_mark_households(village_head, other_officer, commune, homes):
    announcement = announcement_create(actor=village_head, commune=commune, title="T", body="B")
    with pytest.raises(NotAllowed):
        deliveries_mark_in_person(
            actor=other_officer,
            announcement=announcement,
            delivery_ids=list(Delivery.objects.values_list("pk", flat=True)),
        )

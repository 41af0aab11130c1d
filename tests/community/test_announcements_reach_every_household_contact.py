from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories as f
from tests.support.households import household
from xaso.community.models import Delivery, Urgency
from xaso.community.services.announcements import announcement_create
from xaso.community.services.fanout import announcement_fan_out, announcements_publish_due
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.notify.models import Notification, OutboxMessage


@pytest.fixture
def gateways(settings):
    # Configured but never called: these tests look at the outbox rows, not at delivery.
    settings.NOTIFY_SMS_URL = "http://127.0.0.1:9/sms"
    settings.NOTIFY_ZALO_TOKEN = "t"


@pytest.fixture
def homes(commune, village, other_village):
    account = f.citizen(commune_obj=commune, phone="0912000002", full_name="Lê Thị Hoa")
    return {
        "email": household(commune, village, "HK-1", contact_email="hk1@example.vn"),
        "zalo": household(commune, village, "HK-2", contact_zalo_id="zalo-2"),
        "phone": household(commune, other_village, "HK-3", contact_phone="0912000003"),
        "account": household(
            commune, other_village, "HK-4", contact_user=account, contact_phone="0912000002"
        ),
        "none": household(commune, other_village, "HK-5"),
    }


def _channels(ref_delivery: Delivery) -> set[str]:
    return set(
        OutboxMessage.objects.filter(
            ref=f"ann:{ref_delivery.announcement_id}:d:{ref_delivery.pk}"
        ).values_list("channel", flat=True)
    )


def test_a_commune_wide_announcement_reaches_every_household_once(village_head, commune, homes, gateways):
    announcement = announcement_create(
        actor=village_head, commune=commune, title="Họp dân", body="19h thứ bảy"
    )
    deliveries = {d.household.code: d for d in Delivery.objects.select_related("household")}
    assert set(deliveries) == {"HK-1", "HK-2", "HK-3", "HK-4", "HK-5"}
    assert _channels(deliveries["HK-1"]) == {"email"}
    assert _channels(deliveries["HK-2"]) == {"zalo"}
    assert _channels(deliveries["HK-3"]) == {"sms"}  # no other way: SMS even when not urgent
    assert _channels(deliveries["HK-4"]) == set()  # the in-app inbox reaches an account holder
    assert _channels(deliveries["HK-5"]) == set()  # only the village head can reach this one
    note = Notification.objects.get()
    assert note.recipient == homes["account"].contact_user
    assert note.link.startswith("/cong-dong/xac-nhan/")
    assert announcement.fanned_out_at is not None
    assert announcement_fan_out(announcement_id=announcement.pk) == 0
    assert Delivery.objects.count() == 5


def test_an_urgent_announcement_also_goes_by_sms(one_stop_officer, commune, homes, gateways):
    announcement_create(
        actor=one_stop_officer, commune=commune, title="Lũ", body="Sơ tán", urgency=Urgency.URGENT
    )
    delivery = Delivery.objects.get(household=homes["account"])
    assert _channels(delivery) == {"sms"}
    assert OutboxMessage.objects.filter(channel="sms").first().subject.startswith("[")


def test_an_announcement_for_chosen_villages_reaches_only_them(
    one_stop_officer, commune, village, homes, gateways
):
    announcement_create(actor=one_stop_officer, commune=commune, title="T", body="B", villages=[village])
    assert sorted(Delivery.objects.values_list("household__code", flat=True)) == ["HK-1", "HK-2"]


def test_a_scheduled_announcement_waits_for_its_time(one_stop_officer, commune, homes, gateways):
    later = timezone.now() + timedelta(hours=2)
    announcement = announcement_create(
        actor=one_stop_officer, commune=commune, title="T", body="B", publish_at=later
    )
    assert not Delivery.objects.exists()
    assert announcements_publish_due() == 0
    type(announcement).objects.filter(pk=announcement.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1)
    )
    assert announcements_publish_due() == 5
    assert announcements_publish_due() == 0


def test_villages_of_another_commune_are_refused(one_stop_officer, commune, other_commune, homes):
    foreign = f.village(other_commune, "Thôn Lạ")
    with pytest.raises(InvalidInput):
        announcement_create(actor=one_stop_officer, commune=commune, title="T", body="B", villages=[foreign])


def test_an_expiry_before_the_publish_time_is_refused(one_stop_officer, commune):
    with pytest.raises(InvalidInput) as error:
        announcement_create(
            actor=one_stop_officer,
            commune=commune,
            title="T",
            body="B",
            expires_at=timezone.now() - timedelta(days=1),
        )
    assert error.value.field == "expires_at"


def test_an_officer_of_another_commune_cannot_announce_here(other_officer, commune):
    with pytest.raises(NotAllowed):
        announcement_create(actor=other_officer, commune=commune, title="T", body="B")


def test_a_citizen_cannot_announce(citizen, commune):
    with pytest.raises(NotAllowed):
        announcement_create(actor=citizen, commune=commune, title="T", body="B")

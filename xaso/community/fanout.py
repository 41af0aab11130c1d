"""Fan-out of a published announcement to its households (called by announcements.py in the
creating transaction, or later by the task / the sweep). Kept apart so the task can call it."""

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.community.models import Announcement, Delivery, Household, Urgency
from xaso.notify.channels import Recipient
from xaso.notify.services import Outgoing, notify_send_many

ACK_SALT = "xaso.community.ack"
ACK_MAX_AGE = timedelta(days=60)


def ack_token(delivery_id: int) -> str:
    """The signed, dated token of one household's acknowledgement link."""
    return signing.dumps(delivery_id, salt=ACK_SALT, compress=False)


def ack_path(delivery_id: int) -> str:
    return reverse("community:ack", args=[ack_token(delivery_id)])


def _channels(urgency: str, email: str, zalo: str, user_id) -> tuple[str, ...]:
    channels = ["inapp", "email", "zalo"]
    # SMS costs money: for urgent notices, or when the household has no other way to be reached.
    if urgency == Urgency.URGENT or not (email or zalo or user_id):
        channels.append("sms")
    return tuple(channels)


def announcement_fan_out(*, announcement_id: int) -> int:
    """Deliver a published announcement to every targeted household's contact, once. Rules:
    one Delivery per household; messages go through the notify outbox in this transaction;
    an announcement not yet due, or already fanned out, is left alone. Returns the households."""
    now = timezone.now()
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement_id)
        if announcement.fanned_out_at is not None or announcement.publish_at > now:
            return 0
        households = Household.objects.filter(commune_id=announcement.commune_id)
        village_ids = list(announcement.villages.values_list("pk", flat=True))
        if village_ids:
            households = households.filter(village_id__in=village_ids)
        rows = list(
            households.values_list(
                "pk",
                "village_id",
                "contact_name",
                "contact_phone",
                "contact_email",
                "contact_zalo_id",
                "contact_user_id",
            )  # fmt: skip
        )
        Delivery.objects.bulk_create(
            [
                Delivery(announcement=announcement, household_id=r[0], village_id=r[1], created_at=now)
                for r in rows
            ],
            batch_size=2000,
        )
        delivery_ids = dict(
            Delivery.objects.filter(announcement=announcement).values_list("household_id", "pk")
        )
        subject = announcement.title
        if announcement.urgency != Urgency.NORMAL:
            subject = f"[{announcement.get_urgency_display()}] {subject}"
        body = announcement.body if len(announcement.body) <= 600 else announcement.body[:597] + "…"
        body += "\n\n" + _("Tap the link to confirm that your household has received this announcement.")
        prefix = ack_path(0).rsplit("/", 2)[0]

        def outgoing():
            for pk, _village, name, phone, email, zalo, user_id in rows:
                delivery_id = delivery_ids[pk]
                yield Outgoing(
                    recipient=Recipient(user_id=user_id, name=name, email=email, phone=phone, zalo_id=zalo),
                    subject=subject,
                    body=body,
                    link=f"{prefix}/{ack_token(delivery_id)}/",
                    ref=f"ann:{announcement.pk}:d:{delivery_id}",
                    channels=_channels(announcement.urgency, email, zalo, user_id),
                )

        notify_send_many(outgoing())
        announcement.fanned_out_at = now
        announcement.save(update_fields=["fanned_out_at"])
    return len(rows)


def announcements_publish_due() -> int:
    """Fan out every announcement whose publish time has come (the sweep behind the task)."""
    due = Announcement.objects.filter(fanned_out_at__isnull=True, publish_at__lte=timezone.now())
    return sum(announcement_fan_out(announcement_id=pk) for pk in due.values_list("pk", flat=True))

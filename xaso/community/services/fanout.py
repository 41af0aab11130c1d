"""Fan-out of a published announcement to its households (called by announcements.py in the
creating transaction, or later by the task / the sweep). Kept apart so the task can call it."""

from datetime import timedelta

from django.core import signing
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.community.models import Announcement, Delivery, Household, Urgency
from xaso.notify.channels import Recipient
from xaso.notify.services import Outgoing, notify_send_many

ACK_SALT = "xaso.community.ack"
ACK_MAX_AGE = timedelta(days=60)


ACK_SIGNER = signing.TimestampSigner(salt=ACK_SALT)


def ack_token(delivery_id: int) -> str:
    """The signed, dated token of one household's acknowledgement link: the delivery id in
    base 62, a timestamp and an HMAC (short enough for an SMS)."""
    return ACK_SIGNER.sign(signing.b62_encode(delivery_id))


def ack_path(delivery_id: int) -> str:
    return reverse("community:ack", args=[ack_token(delivery_id)])


def _insert_deliveries(announcement_id: int, rows, now) -> None:
    # Raw executemany: 50,000 model instances through bulk_create took most of the fan-out time.
    quote = connection.ops.quote_name
    fields = ("announcement", "household", "village", "created_at", "reached_how")
    columns = ", ".join(quote(Delivery._meta.get_field(f).column) for f in fields)
    sql = f"INSERT INTO {quote(Delivery._meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(announcement_id, r[0], r[1], at, "") for r in rows])


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
        _insert_deliveries(announcement.pk, rows, now)
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

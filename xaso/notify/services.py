"""Writes of the notify app: sending (in the caller's transaction) and reading the inbox.

Delivery of outbox rows is in delivery.py; the task that drives it in tasks.py.
"""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from xaso.core.errors import NotFound
from xaso.notify.channels import Recipient, channel_get, recipient_user_id
from xaso.notify.models import Notification, OutboxMessage
from xaso.notify.tasks import deliver_due

log = logging.getLogger(__name__)

DEFAULT_CHANNELS = ("inapp", "email")


@dataclass(frozen=True)
class Outgoing:
    """One message for `notify_send_many`: the same arguments as `notify_send`."""

    recipient: object
    subject: str
    body: str
    link: str = ""
    ref: str = ""
    channels: Sequence[str] = DEFAULT_CHANNELS


def _kick_delivery() -> None:
    deliver_due.enqueue()


def _rows_for(item: Outgoing, now) -> tuple[list[Notification], list[OutboxMessage]]:
    recipient = Recipient.of(item.recipient)
    user_id = recipient_user_id(recipient)
    subject, link = str(item.subject)[:200], str(item.link)[:500]
    inbox, outbox = [], []
    for name in dict.fromkeys(item.channels):
        channel = channel_get(name)
        address = channel.address_for(recipient)
        if not address:
            continue
        if not channel.configured():
            log.warning("notify: channel %s is not configured; %s not sent to it", name, item.ref or subject)
            continue
        if channel.transactional:
            inbox.append(
                Notification(
                    recipient_id=user_id,
                    subject=subject,
                    body=item.body,
                    link=link,
                    ref=item.ref,
                    created_at=now,
                )
            )
        else:
            outbox.append(
                OutboxMessage(
                    channel=name,
                    recipient_id=user_id,
                    address=address[:200],
                    subject=subject,
                    body=item.body,
                    link=link,
                    ref=item.ref[:100],
                    created_at=now,
                    next_attempt_at=now,
                )
            )
    return inbox, outbox


def notify_send_many(items: Iterable[Outgoing], *, batch_size: int = 2000) -> int:
    """Send many messages at once (an announcement to every household). Rules: rows are written
    in the caller's transaction in bulk; delivery is queued once, after commit. Returns the
    number of rows written (inbox + outbox)."""
    now = timezone.now()
    written = 0
    queued = False
    inbox: list[Notification] = []
    outbox: list[OutboxMessage] = []
    with transaction.atomic():
        for item in items:
            a, b = _rows_for(item, now)
            inbox.extend(a)
            outbox.extend(b)
            if len(inbox) + len(outbox) >= batch_size:
                written += _flush(inbox, outbox, batch_size)
                queued = queued or bool(outbox)
                inbox, outbox = [], []
        queued = queued or bool(outbox)
        written += _flush(inbox, outbox, batch_size)
        if queued:
            transaction.on_commit(_kick_delivery)
    return written


def _flush(inbox, outbox, batch_size) -> int:
    Notification.objects.bulk_create(inbox, batch_size=batch_size)
    OutboxMessage.objects.bulk_create(outbox, batch_size=batch_size)
    return len(inbox) + len(outbox)


def notify_send(
    *,
    recipient,
    subject: str,
    body: str,
    link: str = "",
    channels: Sequence[str] = DEFAULT_CHANNELS,
    ref: str = "",
) -> int:
    """Tell one person something over the named channels. Rules: `recipient` is a user or a
    `Recipient` (addresses only); a channel with no address for them, or not configured, is
    skipped; the in-app row and the outbox rows commit or roll back with the caller's
    transaction; external delivery starts only after commit. Returns the rows written."""
    return notify_send_many([Outgoing(recipient, subject, body, link, ref, tuple(channels))])


def notification_open(*, actor, notification_id: int) -> Notification:
    """Mark one of the actor's notifications read and return it. Rules: only the recipient."""
    try:
        notification = Notification.objects.get(pk=notification_id, recipient=actor)
    except (Notification.DoesNotExist, ValueError):
        raise NotFound("notification") from None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())

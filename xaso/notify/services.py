"""Writes of the notify app: sending (in the caller's transaction) and reading the inbox.

Delivery of outbox rows is in delivery.py; the task that drives it in tasks.py.
"""

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from xaso.core.errors import NotFound
from xaso.notify.channels import Recipient, channel_get, recipient_user_id
from xaso.notify.models import Notification, OutboxMessage, OutboxStatus
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


INBOX_COLUMNS = ("recipient", "subject", "body", "link", "ref", "created_at")
OUTBOX_COLUMNS = (
    "uid", "channel", "recipient", "address", "subject", "body", "link", "ref", "status", "attempts",
    "next_attempt_at", "provider_id", "last_error", "created_at",
)  # fmt: skip


class _Batch:
    """Rows of one `notify_send_many` call, kept as tuples ready for the database: an
    announcement to 50,000 households writes 100,000+ rows, and building a model instance per
    row (then having the ORM compile it) is what made that slow."""

    def __init__(self, now):
        self.now_db = connection.ops.adapt_datetimefield_value(now)
        self.uid_field = OutboxMessage._meta.get_field("uid")
        self.configured: dict[str, bool] = {}
        self.inbox: list[tuple] = []
        self.outbox: list[tuple] = []

    def _usable(self, name: str, channel, what: str) -> bool:
        if name not in self.configured:
            self.configured[name] = channel.configured()
        if not self.configured[name]:
            log.warning("notify: channel %s is not configured; %s not sent to it", name, what)
        return self.configured[name]

    def add(self, item: Outgoing) -> None:
        recipient = Recipient.of(item.recipient)
        user_id = recipient_user_id(recipient)
        subject, link, ref = str(item.subject)[:200], str(item.link)[:500], str(item.ref)[:100]
        for name in dict.fromkeys(item.channels):
            channel = channel_get(name)
            address = channel.address_for(recipient)
            if not address or not self._usable(name, channel, ref or subject):
                continue
            if channel.transactional:
                self.inbox.append((user_id, subject, item.body, link, ref, self.now_db))
            else:
                uid = self.uid_field.get_db_prep_value(uuid.uuid4(), connection)
                self.outbox.append(
                    (uid, name, user_id, address[:200], subject, item.body, link, ref,
                     OutboxStatus.PENDING.value, 0, self.now_db, "", "", self.now_db)
                )  # fmt: skip

    def __len__(self):
        return len(self.inbox) + len(self.outbox)

    def flush(self) -> tuple[int, int]:
        counts = len(self.inbox), len(self.outbox)
        _insert(Notification, INBOX_COLUMNS, self.inbox)
        _insert(OutboxMessage, OUTBOX_COLUMNS, self.outbox)
        self.inbox, self.outbox = [], []
        return counts


def _insert(model, fields: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model's metadata, values travel as parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def notify_send_many(items: Iterable[Outgoing], *, batch_size: int = 5000) -> int:
    """Send many messages at once (an announcement to every household). Rules: rows are written
    in the caller's transaction in bulk; delivery is queued once, after commit. Returns the
    number of rows written (inbox + outbox)."""
    batch = _Batch(timezone.now())
    written = queued = 0
    with transaction.atomic():
        for item in items:
            batch.add(item)
            if len(batch) >= batch_size:
                inbox, outbox = batch.flush()
                written, queued = written + inbox + outbox, queued + outbox
        inbox, outbox = batch.flush()
        written, queued = written + inbox + outbox, queued + outbox
        if queued:
            transaction.on_commit(_kick_delivery)
    return written


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

"""The outbox worker: claim a due message, send it through its channel, record the outcome.

Guarantees (see README.md):
- A message is claimed by one worker at a time: the claim is a conditional UPDATE on the row's
  state (and SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL), committed before sending.
- A worker killed mid-run loses nothing: rows it had not claimed stay PENDING; the one it was
  sending stays SENDING until its lease (NOTIFY_LEASE_SECONDS) runs out, then another worker
  takes it over and sends it again with the same uid as idempotency key, so the gateway (or the
  recipient's mail client, by Message-ID) recognises the repeat. Rows already marked SENT are
  never sent again.
- Failures retry with exponential backoff; after NOTIFY_MAX_ATTEMPTS, or at once on a permanent
  failure, the row is DEAD (the dead-letter state) and an administrator may requeue it.
- One broken channel never blocks the others: every row is claimed and fails on its own.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from xaso.notify.channels import PermanentFailure, channel_get
from xaso.notify.conf import conf
from xaso.notify.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)


def backoff_seconds(attempts: int) -> int:
    """Wait before the next try after `attempts` failed tries: base * 2**(attempts-1), capped."""
    base, cap = conf("NOTIFY_RETRY_BASE_SECONDS"), conf("NOTIFY_RETRY_MAX_SECONDS")
    return min(cap, base * 2 ** max(0, attempts - 1))


def _due(now):
    stale = now - timedelta(seconds=conf("NOTIFY_LEASE_SECONDS"))
    return OutboxMessage.objects.filter(
        Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        | Q(status=OutboxStatus.SENDING, claimed_at__lt=stale)
    ).order_by("next_attempt_at", "id")


def outbox_claim(*, now=None) -> OutboxMessage | None:
    """Take the next due message for this worker, or None. Rules: committed before sending."""
    now = now or timezone.now()
    for _ in range(20):
        with transaction.atomic():
            due = _due(now)
            if connection.features.has_select_for_update_skip_locked:
                due = due.select_for_update(skip_locked=True)
            message = due.first()
            if message is None:
                return None
            taken = OutboxMessage.objects.filter(
                pk=message.pk, status=message.status, claimed_at=message.claimed_at
            ).update(status=OutboxStatus.SENDING, claimed_at=now, attempts=message.attempts + 1)
        if taken:
            message.status, message.claimed_at, message.attempts = (
                OutboxStatus.SENDING,
                now,
                message.attempts + 1,
            )
            return message
    return None


def _finish(message: OutboxMessage, **changes) -> bool:
    # Only the worker still holding the claim may record the outcome.
    return bool(
        OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxStatus.SENDING, claimed_at=message.claimed_at
        ).update(**changes)
    )


def outbox_deliver(message: OutboxMessage) -> str:
    """Send one claimed message and record the outcome; returns the resulting status."""
    try:
        provider_id = channel_get(message.channel).send(message)
    except Exception as exc:  # noqa: BLE001  (any failure of a channel is recorded, never raised)
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if isinstance(exc, PermanentFailure) or message.attempts >= conf("NOTIFY_MAX_ATTEMPTS"):
            _finish(message, status=OutboxStatus.DEAD, last_error=error)
            log.warning("notify: message %s is dead: %s", message.uid, error)
            return OutboxStatus.DEAD
        retry_at = timezone.now() + timedelta(seconds=backoff_seconds(message.attempts))
        _finish(message, status=OutboxStatus.PENDING, next_attempt_at=retry_at, last_error=error)
        return OutboxStatus.PENDING
    _finish(
        message,
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        provider_id=str(provider_id)[:200],
        last_error="",
    )
    return OutboxStatus.SENT


@dataclass
class RunReport:
    sent: int = 0
    retrying: int = 0
    dead: int = 0
    by_status: dict = field(default_factory=dict)

    @property
    def handled(self) -> int:
        return self.sent + self.retrying + self.dead


def outbox_process(*, limit: int | None = None) -> RunReport:
    """Deliver due messages until none is due (or `limit` were handled)."""
    report = RunReport()
    while limit is None or report.handled < limit:
        message = outbox_claim()
        if message is None:
            break
        status = outbox_deliver(message)
        if status == OutboxStatus.SENT:
            report.sent += 1
        elif status == OutboxStatus.DEAD:
            report.dead += 1
        else:
            report.retrying += 1
    return report


def next_retry_at():
    """When the earliest waiting retry falls due, or None."""
    return (
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def outbox_requeue(*, message_ids) -> int:
    """Give dead messages another round of attempts (an administrator's decision)."""
    return OutboxMessage.objects.filter(pk__in=list(message_ids), status=OutboxStatus.DEAD).update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )

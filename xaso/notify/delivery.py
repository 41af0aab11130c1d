"""Notify's channel on the core retry queue (xaso.core.outbox): send one claimed message through
its channel and record the outcome. Claims, leases, back-off and the dead letter are the queue's.

- A failure of any kind is retried (`NOTIFY_RETRY_*`); `PermanentFailure` (the gateway refused
  the request) makes the message dead at once, as does the `NOTIFY_MAX_ATTEMPTS`-th failure.
- A message is sent with its uid as idempotency key (SMS/Zalo header, e-mail Message-ID), so a
  message taken over from a killed worker is recognised by the gateway as a repeat. Rows already
  marked SENT are never sent again.
- One broken channel never blocks the others: every row is claimed and fails on its own.
"""

from dataclasses import dataclass

from django.utils import timezone

from xaso.core.outbox import Outbox
from xaso.notify.channels import PermanentFailure, channel_get
from xaso.notify.models import OutboxMessage, OutboxStatus

queue = Outbox(OutboxMessage, prefix="NOTIFY")


def outbox_deliver(message: OutboxMessage) -> str:
    """Send one claimed message and record the outcome; returns the resulting status."""
    try:
        provider_id = channel_get(message.channel).send(message)
    except Exception as exc:  # noqa: BLE001  (any failure of a channel is recorded, never raised)
        return queue.fail(
            message, f"{type(exc).__name__}: {exc}", permanent=isinstance(exc, PermanentFailure)
        )
    queue.finish(
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

    @property
    def handled(self) -> int:
        return self.sent + self.retrying + self.dead


def outbox_process(*, limit: int | None = None) -> RunReport:
    """Deliver due messages until none is due (or `limit` were handled)."""
    counts = queue.process(outbox_deliver, limit=limit)
    return RunReport(
        sent=counts.get(OutboxStatus.SENT, 0),
        retrying=counts.get(OutboxStatus.PENDING, 0),
        dead=counts.get(OutboxStatus.DEAD, 0),
    )


def outbox_requeue(*, message_ids) -> int:
    """Give dead messages another round of attempts (an administrator's decision)."""
    return queue.requeue(message_ids)

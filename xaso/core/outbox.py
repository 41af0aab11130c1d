"""One retry queue for every delivery (a transactional outbox): claim, lease, back-off, dead letter.

A queue runs over a model with these fields (notify's OutboxMessage, the documents exchange's
EnvelopeDelivery): `status` (its choices hold at least "pending", "sending" and "dead"),
`attempts`, `next_attempt_at`, `claimed_at`, `last_error`. The caller keeps its channel: what
sending means and what a success writes. The queue decides who holds a row, when a failed row is
tried again and when it is given up.

Guarantees:
- One worker at a time holds a row. A claim is a short transaction committed before anything is
  sent: SELECT … FOR UPDATE SKIP LOCKED where the database has it (PostgreSQL: two workers pass
  each other by instead of queueing on one row), then an UPDATE conditional on the row's
  (status, claimed_at) as read, which decides on every database.
- The claim is a lease. A row left SENDING longer than `<PREFIX>_LEASE_SECONDS` (its worker died)
  is due again, and the next claim takes it over; the row is sent again, so the caller sends the
  same idempotency key on every try. Rows are claimed one at a time: a killed worker strands
  one row until its lease runs out, and parallel workers share the load evenly (sending, not
  claiming, is what takes time).
- Only the worker still holding the lease records the outcome (`finish`), so a worker whose
  lease was taken over cannot overwrite the newer outcome.
- The n-th failed try waits `<PREFIX>_RETRY_BASE_SECONDS * 2**(n-1)`, capped at
  `<PREFIX>_RETRY_MAX_SECONDS`. After `<PREFIX>_MAX_ATTEMPTS` tries, or at once on a permanent
  failure, the row is DEAD (the dead letter) until an administrator requeues it.
- One task run handles at most `<PREFIX>_BATCH` rows, then queues itself again.

The settings are read in settings.py (environment `XASO_<PREFIX>_…`) and looked up at use, so
tests override them with Django's settings.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django_tasks import default_task_backend

log = logging.getLogger(__name__)

# The states the queue moves rows between; a model's status choices use these values.
PENDING = "pending"
SENDING = "sending"
DEAD = "dead"
ERROR_LIMIT = 2000
# A claim that loses its conditional UPDATE to another worker tries the next due row, this often.
CLAIM_TRIES = 20


class Outbox:
    """The retry queue over one model; `prefix` names its settings (NOTIFY, EXCHANGE)."""

    def __init__(
        self, model: type[Model], *, prefix: str, on_dead: Callable[[Model, str], None] | None = None
    ):
        self.model = model
        self.prefix = prefix
        # Run in the transaction that makes a row dead (e.g. an audit record), besides the log line.
        self.on_dead = on_dead

    def setting(self, name: str) -> int:
        return getattr(settings, f"{self.prefix}_{name}")

    def backoff_seconds(self, attempts: int) -> int:
        """Wait before the next try after `attempts` failed tries: base * 2**(attempts-1), capped."""
        base, cap = self.setting("RETRY_BASE_SECONDS"), self.setting("RETRY_MAX_SECONDS")
        return min(cap, base * 2 ** max(0, attempts - 1))

    def due(self, now: datetime):
        """Rows a worker may claim at `now`: waiting and due, or held past their lease."""
        stale = now - timedelta(seconds=self.setting("LEASE_SECONDS"))
        return self.model.objects.filter(
            Q(status=PENDING, next_attempt_at__lte=now) | Q(status=SENDING, claimed_at__lt=stale)
        ).order_by("next_attempt_at", "id")

    def claim(self, *, now: datetime | None = None):
        """Take the next due row for this worker (committed before sending), or None."""
        now = now or timezone.now()
        for _ in range(CLAIM_TRIES):
            with transaction.atomic():
                due = self.due(now)
                if connection.features.has_select_for_update_skip_locked:
                    due = due.select_for_update(skip_locked=True)
                row = due.first()
                if row is None:
                    return None
                taken = self.model.objects.filter(
                    pk=row.pk, status=row.status, claimed_at=row.claimed_at
                ).update(status=SENDING, claimed_at=now, attempts=row.attempts + 1)
            if taken:
                row.status, row.claimed_at, row.attempts = SENDING, now, row.attempts + 1
                return row
        return None

    def finish(self, row: Model, *, then: Callable[[], None] | None = None, **changes) -> bool:
        """Record the outcome of a claimed row, if this worker still holds its lease; `then`
        writes more in the same transaction (an audit record), only if the outcome was recorded."""
        with transaction.atomic():
            done = self.model.objects.filter(pk=row.pk, status=SENDING, claimed_at=row.claimed_at).update(
                **changes
            )
            if done and then is not None:
                then()
        return bool(done)

    def fail(self, row: Model, error: str, *, permanent: bool = False) -> str:
        """Record a failed try: DEAD when permanent or out of tries, else PENDING after the
        back-off. Returns the resulting status."""
        error = error[:ERROR_LIMIT]
        if permanent or row.attempts >= self.setting("MAX_ATTEMPTS"):
            then = (lambda: self.on_dead(row, error)) if self.on_dead is not None else None
            self.finish(row, then=then, status=DEAD, last_error=error)
            log.warning("%s: %s %s is dead: %s", self.prefix.lower(), self.model.__name__, row.pk, error)
            return DEAD
        retry_at = timezone.now() + timedelta(seconds=self.backoff_seconds(row.attempts))
        self.finish(row, status=PENDING, next_attempt_at=retry_at, last_error=error)
        return PENDING

    def process(
        self, deliver: Callable[[Model], str], *, limit: int | None = None, now=None
    ) -> dict[str, int]:
        """Claim and deliver due rows until none is due (or `limit` were handled); `deliver`
        sends one claimed row, records its outcome and returns the resulting status.
        Returns how many rows ended in each status."""
        counts: dict[str, int] = {}
        while limit is None or sum(counts.values()) < limit:
            row = self.claim(now=now)
            if row is None:
                break
            status = deliver(row)
            counts[status] = counts.get(status, 0) + 1
        return counts

    def run_task(self, deliver: Callable[[Model], str], task) -> int:
        """One run of the queue's background task: deliver up to `<PREFIX>_BATCH` rows; queue the
        task again when the batch was full, or for the earliest retry on a backend that defers."""
        batch = self.setting("BATCH")
        counts = self.process(deliver, limit=batch)
        handled = sum(counts.values())
        if handled >= batch:
            task.enqueue()
        elif default_task_backend.supports_defer and counts.get(PENDING):
            retry_at = self.next_retry_at()
            if retry_at is not None:
                task.using(run_after=max(retry_at, timezone.now())).enqueue()
        return handled

    def next_retry_at(self) -> datetime | None:
        """When the earliest waiting row falls due, or None."""
        return (
            self.model.objects.filter(status=PENDING)
            .order_by("next_attempt_at")
            .values_list("next_attempt_at", flat=True)
            .first()
        )

    def requeue(self, ids) -> int:
        """Give dead rows another round of tries (an administrator's decision)."""
        return self.model.objects.filter(pk__in=list(ids), status=DEAD).update(
            status=PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
        )

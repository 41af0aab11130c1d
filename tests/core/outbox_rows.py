"""A retry queue under test (xaso.core.outbox) over notify's outbox table, with its own settings
prefix (TESTQ) so each test states the lease, back-off and tries it relies on."""

from django.utils import timezone

from xaso.core.outbox import Outbox
from xaso.notify.models import OutboxMessage

LEASE = 300
BASE, CAP, TRIES = 30, 400, 4


def make_queue(settings, *, on_dead=None, batch: int = 100) -> Outbox:
    settings.TESTQ_LEASE_SECONDS = LEASE
    settings.TESTQ_RETRY_BASE_SECONDS = BASE
    settings.TESTQ_RETRY_MAX_SECONDS = CAP
    settings.TESTQ_MAX_ATTEMPTS = TRIES
    settings.TESTQ_BATCH = batch
    return Outbox(OutboxMessage, prefix="TESTQ", on_dead=on_dead)


def make_rows(n: int, *, due=None) -> list[OutboxMessage]:
    due = due or timezone.now()
    return OutboxMessage.objects.bulk_create(
        OutboxMessage(channel="sms", address=f"09120000{i:02d}", subject=f"m{i}", next_attempt_at=due)
        for i in range(n)
    )

"""Background work of the documents app, through Django's tasks API."""

from django.utils import timezone
from django_tasks import default_task_backend, task

from xaso.documents.exchange_delivery import deliveries_process, next_retry_at

BATCH = 100


@task()
def deliver_envelopes_due() -> int:
    """Send the envelopes due now; if retries wait, schedule ourselves for the earliest one."""
    counts = deliveries_process(limit=BATCH)
    handled = sum(counts.values())
    if handled >= BATCH:
        deliver_envelopes_due.enqueue()
    elif default_task_backend.supports_defer and counts.get("pending"):
        retry_at = next_retry_at()
        if retry_at is not None:
            deliver_envelopes_due.using(run_after=max(retry_at, timezone.now())).enqueue()
    return handled

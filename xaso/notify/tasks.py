"""Background work of the notify app, through Django's tasks API."""

from django.utils import timezone
from django_tasks import default_task_backend, task

from xaso.notify.delivery import next_retry_at, outbox_process

BATCH = 500


@task()
def deliver_due() -> int:
    """Deliver what is due now; if retries wait, schedule ourselves for the earliest one."""
    report = outbox_process(limit=BATCH)
    if report.handled >= BATCH:
        deliver_due.enqueue()
    elif default_task_backend.supports_defer:
        retry_at = next_retry_at()
        if retry_at is not None and report.retrying:
            deliver_due.using(run_after=max(retry_at, timezone.now())).enqueue()
    return report.handled

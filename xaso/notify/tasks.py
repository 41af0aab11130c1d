"""Background work of the notify app, through Django's tasks API."""

from django_tasks import task

from xaso.notify.delivery import outbox_deliver, queue


@task()
def deliver_due() -> int:
    """Deliver what is due now (NOTIFY_BATCH at most, then again); if retries wait, schedule
    ourselves for the earliest one."""
    return queue.run_task(outbox_deliver, deliver_due)

"""Background work of the documents app, through Django's tasks API."""

from django_tasks import task

from xaso.documents.exchange.delivery import delivery_send, queue


@task()
def deliver_envelopes_due() -> int:
    """Send the envelopes due now (EXCHANGE_BATCH at most, then again); if retries wait,
    schedule ourselves for the earliest one."""
    return queue.run_task(delivery_send, deliver_envelopes_due)

"""Background work of the documents app, through Django's tasks API."""

from django_tasks import task

from xaso.documents.exchange.delivery import delivery_send, queue
from xaso.documents.signing.expiry import certificates_expiry_warn


@task()
def deliver_envelopes_due() -> int:
    """Send the envelopes due now (EXCHANGE_BATCH at most, then again); if retries wait,
    schedule ourselves for the earliest one."""
    return queue.run_task(delivery_send, deliver_envelopes_due)


@task()
def warn_expiring_certificates() -> int:
    """The daily warning about certificates that expire soon (signing/expiry.py)."""
    return certificates_expiry_warn()

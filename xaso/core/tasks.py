"""Background work of the core (Django tasks API)."""

from django_tasks import task

from xaso.core.idempotency import idempotency_keys_purge


@task()
def purge_idempotency_keys() -> int:
    """The daily purge of idempotency keys past their retention (settings.IDEMPOTENCY_KEEP_DAYS)."""
    return idempotency_keys_purge()

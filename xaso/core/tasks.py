"""Background work of the core (Django tasks API)."""

import logging

from django_tasks import task

from xaso.core.audit import audit_anchor, audit_verify
from xaso.core.idempotency import idempotency_keys_purge

logger = logging.getLogger("xaso.audit")


@task()
def purge_idempotency_keys() -> int:
    """The daily purge of idempotency keys past their retention (settings.IDEMPOTENCY_KEEP_DAYS)."""
    return idempotency_keys_purge()


@task()
def anchor_audit_chain() -> dict:
    """The daily anchor (`xaso audit anchor`, from cron): verify the chain against the earlier
    anchors, log every problem as an error (the alarm), then append today's signed head. A broken
    chain is anchored too: verification keeps comparing with every earlier anchor, so the new
    anchor cannot hide a truncation that came before it."""
    report = audit_verify()
    for problem in report.problems:
        logger.error("audit chain: %s", problem)
    return {"anchor": audit_anchor(), "problems": report.problems}

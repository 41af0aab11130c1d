"""Idempotency keys: a client that may send a write twice (a retry after a timeout, a double
click) names it with a key; the first request does the work and stores its answer, every later
request with that key gets the stored answer, and a different request under the same key is
refused. Rules: keys are per actor and per scope; the key row is written in the same transaction
as the work, so a rolled-back write leaves no key and may be retried; two requests racing with
one key serialise on the row's unique index (PostgreSQL) or the write lock (SQLite)."""

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.models import IdempotencyKey

log = logging.getLogger(__name__)

KEY_SHAPE = re.compile(r"^[\x21-\x7e]{1,255}$")


@dataclass(frozen=True)
class Outcome:
    status: int
    response: dict
    replayed: bool


def request_fingerprint(payload) -> str:
    """SHA-256 of the request's content in a canonical JSON form (key order ignored)."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def key_clean(key: str) -> str:
    """The key as sent, or InvalidInput when it is not 1-255 visible ASCII characters."""
    key = (key or "").strip()
    if not KEY_SHAPE.match(key):
        raise InvalidInput(
            _("The Idempotency-Key must be 1 to 255 visible ASCII characters."), field="idempotency_key"
        )
    return key


class _Taken(Exception):
    """Another request committed this key first."""


def _replay(row: IdempotencyKey, fingerprint: str) -> Outcome:
    if row.fingerprint != fingerprint:
        raise InvalidInput(
            _("This Idempotency-Key was already used for a different request."),
            field="idempotency_key",
            code="idempotency_key_reused",
        )
    return Outcome(row.status, row.response, True)


def idempotent_run(
    *, actor, scope: str, key: str, fingerprint: str, run: Callable[[], dict], status: int = 200
) -> Outcome:
    """Do `run` once per (actor, scope, key) and remember its answer. Rules: `run` returns the
    JSON-ready answer and runs inside the transaction that stores the key; a domain error from
    it rolls everything back (the key stays free); a replay with another fingerprint is a 422."""
    key = key_clean(key)
    found = IdempotencyKey.objects.filter(actor=actor, scope=scope, key=key).first()
    if found is not None:
        return _replay(found, fingerprint)
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = IdempotencyKey.objects.create(
                        actor=actor, scope=scope, key=key, fingerprint=fingerprint, status=status
                    )
            except IntegrityError:
                raise _Taken from None
            row.response = run()
            row.save(update_fields=["response"])
    except _Taken:
        return _replay(IdempotencyKey.objects.get(actor=actor, scope=scope, key=key), fingerprint)
    return Outcome(status, row.response, False)


def idempotent_answer(*, actor, scope: str, key: str) -> dict | None:
    """The stored answer for this actor's key in this scope, or None (a malformed key has none)."""
    if not getattr(actor, "is_authenticated", False) or not KEY_SHAPE.match(key or ""):
        return None
    found = IdempotencyKey.objects.filter(actor=actor, scope=scope, key=key).first()
    return found.response if found else None


def idempotency_keys_purge(*, keep_days: int | None = None, now=None) -> int:
    """Delete keys older than `keep_days` (settings.IDEMPOTENCY_KEEP_DAYS, 7): a client retries
    within minutes, not weeks, and the stored answers name the filer's dossiers. Rules: run
    daily (`purge_idempotency_keys` task, `xaso idempotency_purge`); the count is audited and
    logged; nothing younger than the retention is touched."""
    keep_days = settings.IDEMPOTENCY_KEEP_DAYS if keep_days is None else keep_days
    before = (now or timezone.now()) - timedelta(days=keep_days)
    with transaction.atomic():
        deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=before).delete()
        if deleted:
            audit_record(
                actor=None,
                action="idempotency.purge",
                summary=f"{deleted} idempotency keys older than {keep_days} days deleted",
                changes={"deleted": deleted, "keep_days": keep_days, "before": before.isoformat()},
            )
    log.info("idempotency: %d keys older than %d days deleted", deleted, keep_days)
    return deleted

"""The audit chain. Every service calls `audit_record` inside its transaction."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from xaso.core.models import AuditEvent, AuditHead
from xaso.core.request_context import current_ip

GENESIS = "0" * 64


def _canonical(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)


def _normalise(changes: dict | None) -> dict:
    # Round-trip through JSON so the hash is computed over exactly what the database stores.
    return json.loads(_canonical(changes or {}))


def event_hash(event: AuditEvent) -> str:
    content = {
        "seq": event.seq,
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "commune": event.commune_code,
        "summary": event.summary,
        "changes": event.changes,
        "ip": event.ip,
        "prev": event.prev_hash,
    }
    return hashlib.sha256(_canonical(content).encode()).hexdigest()


def _target_parts(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, tuple):
        return str(target[0]), str(target[1])
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}", str(target.pk)


def audit_record(
    *,
    actor,
    action: str,
    target=None,
    summary: str = "",
    changes: dict | None = None,
    commune_code: str = "",
) -> AuditEvent:
    """Append one event to the chain. Rules: must run inside the caller's transaction (so the
    event and the change commit together); the head row is locked to keep the chain linear."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    target_type, target_id = _target_parts(target)
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor if authenticated else None,
            actor_label=(actor.get_username() if authenticated else "anonymous")[:200],
            action=action,
            target_type=target_type,
            target_id=target_id,
            commune_code=commune_code or "",
            summary=str(summary)[:300],
            changes=_normalise(changes),
            ip=current_ip(),
            prev_hash=head.hash,
        )
        event.hash = event_hash(event)
        event.save()
        head.seq, head.hash = event.seq, event.hash
        head.save(update_fields=["seq", "hash"])
    return event


@dataclass
class VerifyReport:
    checked: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_verify(*, batch_size: int = 5000) -> VerifyReport:
    """Walk the chain in order and report every row whose content, link or position is wrong."""
    problems: list[str] = []
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            problems.append(f"events {expected_seq}..{event.seq - 1} are missing")
        if event.prev_hash != expected_prev:
            problems.append(f"event {event.seq} does not follow the event before it")
        if event_hash(event) != event.hash:
            problems.append(f"event {event.seq} was changed after it was written")
        expected_prev, expected_seq = event.hash, event.seq + 1
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.seq != expected_seq - 1 or head.hash != expected_prev):
        problems.append(f"the chain ends at event {expected_seq - 1} but event {head.seq} was written")
    return VerifyReport(checked=checked, problems=problems)

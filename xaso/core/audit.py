"""The audit chain. Every service calls `audit_record` inside its transaction.

Each event's hash is an HMAC-SHA256, keyed with `settings.AUDIT_KEY` (kept outside the database,
xaso.core.env.audit_key_from), over the event's content and the previous event's hash. Someone
who can write the database but does not hold the key can neither edit an event nor delete one and
re-hash the rest. The newest events are guarded by anchors: `audit_anchor` appends the signed
head (sequence number, event count, hash, time) to a file outside the database, the log and every
backup's manifest, and `audit_verify` checks the chain against every anchor written so far, so
deleting the newest events and moving the head back is reported as truncation.

Chains written before the key existed were re-keyed once by migration core 0005 (which records
what the old, unkeyed check found in an `audit.rekey` event): there is one hash rule, not two.

Action names: `<entity>.<verb>`, lower snake_case on both sides of one dot, as the service that
records it is named `<entity>_<verb>`: the entity is the thing acted on (a model's name:
`village.create`, `payment_request.pay_cash`, `statement_line.resolve`), never an app's label;
the verb says what happened (`create`, `update`, `sign`, `reset_request`). The workflow engine
writes `<flow>.<action>` (`dossier.submit`). Bulk reads of personal data are the one family with
more dots: `export.<what>` (xaso.core.privacy: `export.households`, `export.onestop.report`).
Events already stored keep the name they were written with (the name is in the hash).
tests/test_shared_helpers.py checks every literal action passed to `audit_record`.
"""

import hashlib
import hmac
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from xaso.core.models import AuditEvent, AuditHead
from xaso.core.request_context import current_ip

GENESIS = "0" * 64
ANONYMOUS = "anonymous"
logger = logging.getLogger("xaso.audit")


def _canonical(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)


def _normalise(changes: dict | None) -> dict:
    # Round-trip through JSON so the hash is computed over exactly what the database stores.
    return json.loads(_canonical(changes or {}))


def keyed_digest(purpose: str, content: dict) -> str:
    """HMAC-SHA256 under the audit key of `content`, separated by `purpose` ("event", "anchor")."""
    message = f"{purpose}\n{_canonical(content)}".encode()
    return hmac.new(settings.AUDIT_KEY.encode(), message, hashlib.sha256).hexdigest()


def event_hash(event) -> str:
    """The event's keyed hash. It covers the actor's label, never the user row's id: erasing a
    user (the foreign key becomes NULL) leaves every hash as it was."""
    content = {
        "seq": event.seq,
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
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
    return keyed_digest("event", content)


def actor_label(actor) -> str:
    """A stable label for who acted, kept in the event and hashed: "user:<id>:<username>"."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ANONYMOUS
    return f"user:{actor.pk}:{actor.get_username()}"[:200]


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
            actor_label=actor_label(actor),
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


# --- anchors --------------------------------------------------------------------------------


def _anchor_mac(anchor: dict) -> str:
    return keyed_digest("anchor", {k: anchor[k] for k in ("seq", "count", "hash", "at")})


def anchor_signed(anchor: dict) -> bool:
    """True when `anchor` (a dict read back from a file or a manifest) carries a valid HMAC."""
    try:
        return hmac.compare_digest(str(anchor["mac"]), _anchor_mac(anchor))
    except (KeyError, TypeError):
        return False


def anchor_path() -> Path:
    return Path(settings.AUDIT_ANCHOR_PATH)


def audit_anchor() -> dict:
    """Append the chain's signed head to the anchor file (opened append-only: earlier anchors
    are never rewritten) and the log, and return it (the backup puts it in its manifest)."""
    with transaction.atomic():
        head = AuditHead.objects.filter(pk=1).first()
        seq, digest = (head.seq, head.hash) if head else (0, GENESIS)
        count = AuditEvent.objects.count()
    anchor = {"seq": seq, "count": count, "hash": digest, "at": timezone.now().isoformat()}
    anchor["mac"] = _anchor_mac(anchor)
    line = json.dumps(anchor, sort_keys=True)
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    # At WARNING so the line reaches the log under the default level (XASO_LOG_LEVEL).
    logger.warning("audit anchor %s", line)
    return anchor


def anchors_read(path: Path | None = None) -> tuple[list[dict], list[str]]:
    """Every anchor in the file, in order, and a problem for each line that is not a valid,
    signed anchor (a forged or damaged line)."""
    path = path or anchor_path()
    anchors, problems = [], []
    if not path.exists():
        return anchors, problems
    with path.open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                anchor = json.loads(raw)
            except ValueError:
                anchor = None
            if not isinstance(anchor, dict) or not anchor_signed(anchor):
                problems.append(
                    f"anchor line {number} of {path} is not signed with this instance's audit key"
                )
                continue
            anchors.append(anchor)
    return anchors, problems


# --- verification ---------------------------------------------------------------------------


@dataclass
class VerifyReport:
    checked: int
    problems: list[str]
    anchors: int = 0
    # The part of `problems` found by comparing with the anchors (truncation).
    anchor_problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _against_anchors(anchors: list[dict], seen: dict[int, str], count: int, last_seq: int) -> list[str]:
    problems = []
    for anchor in anchors:
        seq, at = int(anchor["seq"]), anchor["at"]
        if seq > last_seq:
            problems.append(
                f"truncated: the chain ends at event {last_seq} but event {seq} was anchored at {at}"
            )
        elif seq and seen.get(seq) != anchor["hash"]:
            problems.append(f"truncated or rewritten: event {seq} is not the event anchored at {at}")
        if count < int(anchor["count"]):
            problems.append(f"truncated: {count} events, but {anchor['count']} were anchored at {at}")
    return problems


def audit_verify(*, batch_size: int = 5000, anchors: list[dict] | None = None) -> VerifyReport:
    """Walk the chain in order and report every row whose content, link or position is wrong,
    then compare it with every anchor (the file's, or `anchors` when given): an anchored event
    that is gone or changed, or fewer events than an anchor counted, is truncation."""
    problems: list[str] = []
    if anchors is None:
        anchors, problems = anchors_read()
    wanted = {int(a["seq"]) for a in anchors}
    seen: dict[int, str] = {}
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            problems.append(f"events {expected_seq}..{event.seq - 1} are missing")
        if event.prev_hash != expected_prev:
            problems.append(f"event {event.seq} does not follow the event before it")
        if not hmac.compare_digest(event_hash(event), event.hash):
            problems.append(f"event {event.seq} was changed after it was written")
        if event.seq in wanted:
            seen[event.seq] = event.hash
        expected_prev, expected_seq = event.hash, event.seq + 1
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.seq != expected_seq - 1 or head.hash != expected_prev):
        problems.append(f"the chain ends at event {expected_seq - 1} but event {head.seq} was written")
    anchored = _against_anchors(anchors, seen, checked, expected_seq - 1)
    return VerifyReport(
        checked=checked, problems=problems + anchored, anchors=len(anchors), anchor_problems=anchored
    )

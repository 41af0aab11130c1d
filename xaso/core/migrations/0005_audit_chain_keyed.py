"""Re-key the audit chain: from plain SHA-256 over the actor's row id to HMAC-SHA256 under
settings.AUDIT_KEY over the actor's label (xaso.core.audit.event_hash).

The old chain is first checked by the old rule (kept here, frozen); then every event is re-hashed
in order under the new one, and a last `audit.rekey` event records how many events were re-keyed
and every problem the old check found, so re-keying never hides an earlier break. Old labels (the
username) are kept as written: the label is hashed as stored."""

import hashlib
import json
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations
from django.utils import timezone

from xaso.core.audit import GENESIS, event_hash

BATCH = 2000


def legacy_hash(event) -> str:
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
    canonical = json.dumps(content, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def rekey(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditHead = apps.get_model("core", "AuditHead")
    head, _created = AuditHead.objects.get_or_create(pk=1)
    problems, count = [], 0
    old_prev, expected_seq, new_prev, batch = GENESIS, 1, GENESIS, []
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=BATCH):
        if event.seq != expected_seq:
            problems.append(f"events {expected_seq}..{event.seq - 1} were missing")
        if event.prev_hash != old_prev:
            problems.append(f"event {event.seq} did not follow the event before it")
        if legacy_hash(event) != event.hash:
            problems.append(f"event {event.seq} had been changed (or its actor erased)")
        old_prev, expected_seq = event.hash, event.seq + 1
        event.prev_hash = new_prev
        event.hash = event_hash(event)
        new_prev = event.hash
        batch.append(event)
        count += 1
        if len(batch) >= BATCH:
            AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])
            batch = []
    AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])
    if head.seq != expected_seq - 1 or head.hash != old_prev:
        problems.append(f"the chain ended at event {expected_seq - 1} but event {head.seq} had been written")
    if count == 0 and not problems:
        return
    event = AuditEvent(
        seq=expected_seq,
        at=timezone.now(),
        actor_label="system:migration",
        action="audit.rekey",
        summary=f"{count} events re-keyed with the audit key",
        changes={"events": count, "problems_before": problems[:200], "problem_count": len(problems)},
        prev_hash=new_prev,
    )
    event.hash = event_hash(event)
    event.save()
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])


class Migration(migrations.Migration):
    dependencies = [("core", "0004_idempotency_key")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]

"""Chains written before the audit key existed are re-keyed by migration core 0005: afterwards
they verify under the key, and what the old, unkeyed check found is kept in an `audit.rekey`
event rather than hidden (MEDIUM 5 of issue 16)."""

import importlib

from django.apps import apps
from django.utils import timezone

from xaso.core.audit import GENESIS, audit_verify
from xaso.core.models import AuditEvent, AuditHead

rekey_migration = importlib.import_module("xaso.core.migrations.0005_audit_chain_keyed")


def legacy_chain(actor, n: int) -> None:
    """Events as the unkeyed code wrote them: SHA-256 over the content and the actor's row id."""
    prev = GENESIS
    for seq in range(1, n + 1):
        event = AuditEvent(
            seq=seq,
            at=timezone.now(),
            actor=actor,
            actor_label=actor.username,
            action="old.write",
            prev_hash=prev,
        )
        event.hash = rekey_migration.legacy_hash(event)
        event.save()
        prev = event.hash
    AuditHead.objects.update_or_create(pk=1, defaults={"seq": n, "hash": prev})


def test_a_sound_legacy_chain_is_rekeyed_and_verifies(db, system_admin):
    AuditEvent.objects.all().delete()
    legacy_chain(system_admin, 4)
    assert not audit_verify().ok
    rekey_migration.rekey(apps, None)
    report = audit_verify()
    assert report.ok, report.problems
    rekey = AuditEvent.objects.get(action="audit.rekey")
    assert rekey.seq == 5
    assert rekey.changes == {"events": 4, "problems_before": [], "problem_count": 0}


def test_a_legacy_break_is_recorded_in_the_rekey_event(db, system_admin):
    AuditEvent.objects.all().delete()
    legacy_chain(system_admin, 3)
    AuditEvent.objects.filter(seq=2).update(summary="edited under the old rule")
    rekey_migration.rekey(apps, None)
    assert audit_verify().ok
    rekey = AuditEvent.objects.get(action="audit.rekey")
    assert rekey.changes["problem_count"] == 1
    assert "event 2 had been changed" in rekey.changes["problems_before"][0]

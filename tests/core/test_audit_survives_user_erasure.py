"""Erasing a user who acted keeps `audit verify` green: the chain hashes the actor's label, kept
in the event, not the user row's id that becomes NULL (MEDIUM 6 of issue 16)."""

from django.core.management import call_command

from tests import factories as f
from xaso.core.audit import audit_record, audit_verify
from xaso.core.models import AuditEvent


def test_deleting_a_user_with_events_keeps_the_chain_verified(db, system_admin, capsys):
    leaver = f.user("nghiviec")
    audit_record(actor=leaver, action="test.write", summary="before leaving")
    audit_record(actor=system_admin, action="test.write", target=leaver)
    leaver_id = leaver.pk
    leaver.delete()
    event = AuditEvent.objects.get(summary="before leaving")
    assert event.actor_id is None
    assert event.actor_label == f"user:{leaver_id}:nghiviec"
    assert audit_verify().ok, audit_verify().problems
    call_command("audit", "verify")
    assert "audit chain ok" in capsys.readouterr().out

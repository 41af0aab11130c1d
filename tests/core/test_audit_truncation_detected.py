"""Deleting the newest events and moving the head back is reported once a head was anchored
(MEDIUM 5 of issue 16): the anchor lives outside the database and is signed with the audit key."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xaso.core.audit import audit_anchor, audit_record, audit_verify
from xaso.core.models import AuditEvent, AuditHead


@pytest.fixture
def anchored_chain(db, one_stop_officer):
    for n in range(6):
        audit_record(actor=one_stop_officer, action="test.write", target=("test", n), summary=f"write {n}")
    audit_anchor()
    return AuditEvent.objects.order_by("seq")


def truncate_to(seq: int) -> None:
    """What an attacker with write access to the database does: drop the tail, move the head."""
    AuditEvent.objects.filter(seq__gt=seq).delete()
    last = AuditEvent.objects.get(seq=seq)
    AuditHead.objects.filter(pk=1).update(seq=last.seq, hash=last.hash)


def test_an_anchored_untouched_chain_verifies(anchored_chain):
    report = audit_verify()
    assert report.ok, report.problems
    assert report.anchors == 1


def test_it_reports_the_newest_events_deleted_and_the_head_moved(anchored_chain):
    truncate_to(4)
    report = audit_verify()
    assert not report.ok
    assert any("truncated" in p and "event 6" in p for p in report.anchor_problems)
    assert any("4 events, but 6 were anchored" in p for p in report.anchor_problems)


def test_the_verify_command_exits_non_zero_on_truncation(anchored_chain, capsys):
    call_command("audit", "verify")
    assert "audit chain ok: 6 events, 1 anchor(s) held" in capsys.readouterr().out
    truncate_to(5)
    with pytest.raises(CommandError, match="audit chain broken"):
        call_command("audit", "verify")
    assert "truncated" in capsys.readouterr().err


def test_a_later_anchor_does_not_hide_an_earlier_truncation(anchored_chain, one_stop_officer):
    """The forger truncates, writes new events up to the old count, and waits for the next anchor."""
    truncate_to(3)
    for n in range(3):
        audit_record(actor=one_stop_officer, action="test.write", summary=f"rewritten {n}")
    audit_anchor()
    report = audit_verify()
    assert any("event 6 is not the event anchored" in p for p in report.anchor_problems)


def test_verify_can_compare_with_anchors_kept_elsewhere(anchored_chain, audit_anchor_file, tmp_path):
    """The anchor file is deleted with the truncation; the copy shipped with the log still tells."""
    copy = tmp_path / "from-the-log.jsonl"
    copy.write_text(audit_anchor_file.read_text())
    audit_anchor_file.unlink()
    truncate_to(4)
    call_command("audit", "verify")
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--anchor-file", str(copy))

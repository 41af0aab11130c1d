import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xaso.core.audit import audit_record, audit_verify
from xaso.core.models import AuditEvent


@pytest.fixture
def chain(db, one_stop_officer):
    for n in range(5):
        audit_record(
            actor=one_stop_officer,
            action="test.write",
            target=("test", n),
            summary=f"write {n}",
            changes={"n": n, "name": "Nguyễn"},
        )
    return AuditEvent.objects.order_by("seq")


def test_an_untouched_chain_verifies(chain):
    report = audit_verify()
    assert report.ok, report.problems
    assert report.checked == 5


def test_each_event_links_to_the_one_before(chain):
    events = list(chain)
    assert events[0].prev_hash == "0" * 64
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash


def test_it_detects_an_edited_event(chain):
    AuditEvent.objects.filter(seq=3).update(summary="nobody saw this")
    report = audit_verify()
    assert not report.ok
    assert any("event 3 was changed" in p for p in report.problems)


def test_it_detects_an_edited_change_record(chain):
    AuditEvent.objects.filter(seq=2).update(changes={"n": 99, "name": "Nguyễn"})
    assert not audit_verify().ok


def test_it_detects_a_deleted_event_in_the_middle(chain):
    AuditEvent.objects.filter(seq=2).delete()
    report = audit_verify()
    assert any("missing" in p for p in report.problems)
    assert any("does not follow" in p for p in report.problems)


def test_it_detects_the_newest_event_deleted(chain):
    AuditEvent.objects.filter(seq=5).delete()
    report = audit_verify()
    assert any("chain ends at event 4" in p for p in report.problems)


def test_it_detects_a_rehashed_edit(chain):
    """Recomputing the edited row's own hash still breaks the link to the next row."""
    from xaso.core.audit import event_hash

    event = AuditEvent.objects.get(seq=3)
    event.summary = "forged"
    event.hash = event_hash(event)
    event.save()
    report = audit_verify()
    assert any("event 4 does not follow" in p for p in report.problems)


def test_the_command_fails_on_a_tampered_chain(chain, capsys):
    call_command("audit", "verify")
    assert "audit chain ok: 5 events" in capsys.readouterr().out
    AuditEvent.objects.filter(seq=1).update(action="edited")
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_it_records_the_client_address_of_the_request(db, one_stop_officer):
    from xaso.core.request_context import reset_current_ip, set_current_ip

    token = set_current_ip("203.0.113.7")
    try:
        event = audit_record(actor=one_stop_officer, action="test.ip")
    finally:
        reset_current_ip(token)
    event.refresh_from_db()
    assert event.ip == "203.0.113.7"
    assert audit_verify().ok

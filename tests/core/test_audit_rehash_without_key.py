"""Deleting one event and re-hashing the rest does not pass without the audit key (MEDIUM 5 of
issue 16): the forger knows the algorithm (xaso.core.audit.event_hash is public code) but not
the key, which lives outside the database."""

import pytest

from xaso.core.audit import GENESIS, audit_record, audit_verify, event_hash
from xaso.core.models import AuditEvent, AuditHead


@pytest.fixture
def chain(db, one_stop_officer):
    for n in range(5):
        audit_record(actor=one_stop_officer, action="test.write", target=("test", n), changes={"n": n})


def delete_and_rehash(seq: int) -> None:
    """Delete event `seq`, renumber the rest and re-link them, as the forger would."""
    AuditEvent.objects.filter(seq=seq).delete()
    prev = GENESIS
    for number, event in enumerate(AuditEvent.objects.order_by("seq"), 1):
        event.seq, event.prev_hash = number, prev
        event.hash = event_hash(event)
        event.save()
        prev = event.hash
    AuditHead.objects.filter(pk=1).update(seq=number, hash=prev)


@pytest.mark.parametrize("guess", ["", "a guessed key that is not the real one"], ids=["no-key", "wrong-key"])
def test_a_middle_event_deleted_and_the_rest_rehashed_without_the_key_fails(chain, guess, settings):
    real_key = settings.AUDIT_KEY
    settings.AUDIT_KEY = guess
    delete_and_rehash(3)
    settings.AUDIT_KEY = real_key  # the check below runs with the real key
    report = audit_verify()
    assert not report.ok
    assert any("was changed after it was written" in p for p in report.problems)


def test_the_same_rehash_with_the_key_would_pass(chain):
    """The control: the check above fails for want of the key, not for a flaw in the rehash."""
    delete_and_rehash(3)
    assert audit_verify().ok

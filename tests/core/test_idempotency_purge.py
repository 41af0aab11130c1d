"""Idempotency keys are kept only as long as a client may retry: the daily purge deletes the
older ones, counts them into the audit chain, and leaves the recent ones alone."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests import factories as f
from xaso.core.audit import audit_verify
from xaso.core.idempotency import idempotency_keys_purge, idempotent_run
from xaso.core.models import AuditEvent, IdempotencyKey
from xaso.core.tasks import purge_idempotency_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def keys():
    user = f.citizen()
    for key in ("old-1", "old-2", "fresh"):
        idempotent_run(actor=user, scope="test", key=key, fingerprint="x", run=lambda: {"ok": True})
    IdempotencyKey.objects.filter(key__startswith="old").update(created_at=timezone.now() - timedelta(days=8))
    return user


def test_keys_older_than_the_retention_are_deleted_and_the_count_audited(keys):
    assert idempotency_keys_purge() == 2
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["fresh"]
    event = AuditEvent.objects.get(action="idempotency.purge")
    assert event.changes["deleted"] == 2 and event.changes["keep_days"] == 7
    assert audit_verify().ok


def test_the_retention_is_a_setting(keys, settings):
    settings.IDEMPOTENCY_KEEP_DAYS = 30
    assert idempotency_keys_purge() == 0
    assert IdempotencyKey.objects.count() == 3
    assert not AuditEvent.objects.filter(action="idempotency.purge").exists()


def test_a_purged_key_may_be_used_again(keys):
    idempotency_keys_purge()
    again = idempotent_run(actor=keys, scope="test", key="old-1", fingerprint="y", run=lambda: {"n": 2})
    assert again.replayed is False and again.response == {"n": 2}


def test_the_daily_task_and_the_command_run_the_purge(keys, capsys):
    assert purge_idempotency_keys.call() == 2
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(days=8))
    call_command("idempotency_purge", "--now")
    assert "1 idempotency key(s) deleted" in capsys.readouterr().out
    assert not IdempotencyKey.objects.exists()

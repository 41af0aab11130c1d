"""A worker that dies while it holds a row: the row waits out the lease, then another worker
takes it over; the rows it had not claimed were never touched; a late outcome from the dead
worker's lease is not recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.core.outbox_rows import LEASE, make_queue, make_rows
from xaso.core.outbox import PENDING, SENDING
from xaso.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands in for SIGKILL in the middle of a send: nothing after it runs."""


def _die(row):
    raise WorkerKilled


def test_a_worker_killed_mid_send_leaves_only_the_row_it_held(settings):
    queue = make_queue(settings)
    rows = make_rows(3)
    with pytest.raises(WorkerKilled):
        queue.process(_die)
    states = list(OutboxMessage.objects.order_by("id").values_list("status", "attempts"))
    assert states == [(SENDING, 1), (PENDING, 0), (PENDING, 0)]
    # The next worker goes on with the rows nobody holds.
    assert queue.claim().pk == rows[1].pk


def test_the_held_row_is_taken_over_only_once_its_lease_has_run_out(settings):
    queue = make_queue(settings)
    [row] = make_rows(1)
    start = timezone.now()
    held = queue.claim(now=start)
    assert held.pk == row.pk and held.status == SENDING
    assert queue.claim(now=start + timedelta(seconds=LEASE - 1)) is None
    taken = queue.claim(now=start + timedelta(seconds=LEASE + 1))
    assert taken.pk == row.pk and taken.attempts == 2


def test_only_the_worker_holding_the_lease_records_the_outcome(settings):
    queue = make_queue(settings)
    make_rows(1)
    start = timezone.now()
    late = queue.claim(now=start)
    current = queue.claim(now=start + timedelta(seconds=LEASE + 1))
    assert not queue.finish(late, status="sent", provider_id="late")
    queue.fail(late, "timeout")
    assert queue.finish(current, status="sent", provider_id="current")
    row = OutboxMessage.objects.get()
    assert (row.status, row.provider_id, row.attempts, row.last_error) == ("sent", "current", 2, "")


def test_a_lease_of_zero_hands_a_held_row_over_at_once(settings):
    queue = make_queue(settings)
    settings.TESTQ_LEASE_SECONDS = 0
    [row] = make_rows(1)
    held = queue.claim()
    assert queue.claim(now=held.claimed_at + timedelta(microseconds=1)).pk == row.pk

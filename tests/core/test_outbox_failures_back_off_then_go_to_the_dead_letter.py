"""A failed try waits base * 2**(tries-1) seconds (capped) before the next; the last allowed
try, or a permanent failure, makes the row dead; a dead row waits for an administrator."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.core.outbox_rows import BASE, CAP, TRIES, make_queue, make_rows
from xaso.core.outbox import DEAD, PENDING
from xaso.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_the_wait_doubles_with_each_failure_up_to_its_cap(settings):
    queue = make_queue(settings)
    assert [queue.backoff_seconds(n) for n in range(1, 7)] == [BASE, 2 * BASE, 4 * BASE, 8 * BASE, CAP, CAP]


def test_each_failure_schedules_the_next_try_and_the_last_buries_the_row(settings):
    buried = []
    queue = make_queue(settings, on_dead=lambda row, error: buried.append((row.pk, error)))
    [row] = make_rows(1)
    due = timezone.now()
    for tries in range(1, TRIES):
        held = queue.claim(now=due)
        before = timezone.now()
        assert queue.fail(held, f"HTTP 503 ({tries})") == PENDING
        row.refresh_from_db()
        assert (row.status, row.attempts, row.last_error) == (PENDING, tries, f"HTTP 503 ({tries})")
        wait = row.next_attempt_at - before
        assert (
            timedelta(seconds=queue.backoff_seconds(tries))
            <= wait
            < timedelta(seconds=queue.backoff_seconds(tries) + 5)
        )
        assert queue.claim(now=row.next_attempt_at - timedelta(seconds=1)) is None  # not due yet
        due = row.next_attempt_at
    assert queue.fail(queue.claim(now=due), "HTTP 503 (last)") == DEAD
    row.refresh_from_db()
    assert (row.status, row.attempts) == (DEAD, TRIES)
    assert buried == [(row.pk, "HTTP 503 (last)")]


def test_a_permanent_failure_buries_the_row_at_once(settings):
    queue = make_queue(settings)
    make_rows(1)
    assert queue.fail(queue.claim(), "HTTP 400", permanent=True) == DEAD
    assert OutboxMessage.objects.get().attempts == 1


def test_a_dead_row_is_never_claimed_until_an_administrator_requeues_it(settings):
    queue = make_queue(settings)
    [row] = make_rows(1)
    queue.fail(queue.claim(), "HTTP 400", permanent=True)
    assert queue.claim(now=timezone.now() + timedelta(days=365)) is None
    assert queue.requeue([row.pk]) == 1
    again = queue.claim()
    assert (again.pk, again.attempts, again.last_error) == (row.pk, 1, "")


def test_a_long_error_is_kept_cut_to_size(settings):
    queue = make_queue(settings)
    make_rows(1)
    queue.fail(queue.claim(), "x" * 5000)
    assert len(OutboxMessage.objects.get().last_error) == 2000

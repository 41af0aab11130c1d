"""Two workers on their own connections claim from one queue at the same moment: every row is
claimed once, by one of them. On PostgreSQL a worker passes a row another worker has locked
(FOR UPDATE SKIP LOCKED) instead of waiting for it."""

import threading

import pytest
from django.db import connection, transaction

from tests.core.outbox_rows import make_queue, make_rows
from tests.support.race import race, retry_while_locked
from xaso.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_workers_claiming_together_never_take_the_same_row(settings):
    queue = make_queue(settings)
    rows = make_rows(40)

    def worker():
        taken = []
        while (row := retry_while_locked(queue.claim)) is not None:
            taken.append(row.pk)
        return taken

    first, second = race(worker, worker)
    assert isinstance(first, list) and isinstance(second, list), (first, second)
    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(row.pk for row in rows)
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {("sending", 1)}


@pytest.mark.skipif(
    not connection.features.has_select_for_update_skip_locked, reason="SKIP LOCKED: PostgreSQL"
)
def test_a_worker_passes_a_row_another_worker_holds_locked_instead_of_waiting(settings):
    queue = make_queue(settings)
    first, second = make_rows(2)
    locked, release = threading.Event(), threading.Event()

    def other_worker_mid_claim():
        try:
            with transaction.atomic():
                list(OutboxMessage.objects.select_for_update().filter(pk=first.pk))
                locked.set()
                release.wait(timeout=60)
        finally:
            connection.close()

    holder = threading.Thread(target=other_worker_mid_claim)
    holder.start()
    try:
        assert locked.wait(timeout=60)
        with connection.cursor() as cursor:
            # Waiting for the lock would fail the test after 5 s rather than hang it.
            cursor.execute("SET lock_timeout = '5s'")
        claimed = queue.claim()
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert claimed.pk == second.pk

"""A queue's task handles `<PREFIX>_BATCH` rows per run and queues itself again while rows
remain, so one run never holds a worker for a whole backlog."""

import pytest

from tests.core.outbox_rows import make_queue, make_rows
from xaso.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


class Task:
    def __init__(self):
        self.enqueued = 0

    def enqueue(self):
        self.enqueued += 1


def _sent(queue):
    return lambda row: queue.finish(row, status="sent") and "sent"


def test_a_full_batch_queues_the_task_again(settings):
    queue, task = make_queue(settings, batch=2), Task()
    make_rows(3)
    assert queue.run_task(_sent(queue), task) == 2
    assert task.enqueued == 1
    assert OutboxMessage.objects.filter(status="pending").count() == 1


def test_a_run_that_empties_the_queue_does_not(settings):
    queue, task = make_queue(settings, batch=5), Task()
    make_rows(3)
    assert queue.run_task(_sent(queue), task) == 3
    assert task.enqueued == 0

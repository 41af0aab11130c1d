"""Waiting for something to become true, never for a fixed time: a server answering, an outbox
drained, a load making progress."""

import time
from collections.abc import Callable
from typing import TypeVar

# How often a condition is looked at again: short, so a test goes on as soon as it holds.
POLL_SECONDS = 0.05
T = TypeVar("T")


def wait_until(condition: Callable[[], T], *, timeout: float, message: str, every: float = POLL_SECONDS) -> T:
    """Call `condition` until it returns something true, and return that; fail the test with
    `message` if it has not after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(message)
        time.sleep(every)

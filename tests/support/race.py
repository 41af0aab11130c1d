"""Run functions in threads that start at the same moment, each on its own connection.

SQLite's in-memory test database is shared between threads through a shared cache, and there
SQLite answers a held write lock with "database table is locked" at once instead of waiting for
its busy timeout as the file database in production does. `retry_while_locked` stands in for
that wait, so the tests exercise the same serialisation on SQLite and the row locks on
PostgreSQL."""

import threading
import time

from django.db import OperationalError, connection

# As SQLite's own busy timeout: keep trying for this long, yielding the CPU between tries so
# the thread that holds the lock can finish (a tight spin starves it on a loaded machine).
BUSY_TIMEOUT_SECONDS = 60
BACKOFF_SECONDS = 0.002


def retry_while_locked(fn):
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        try:
            return fn()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
        time.sleep(BACKOFF_SECONDS)
    raise AssertionError("the database stayed locked")


def race(*fns) -> list:
    """Run each function in its own thread, released together; return each one's result or
    the exception it raised, in order."""
    barrier = threading.Barrier(len(fns))
    results: list = [None] * len(fns)

    def run(i, fn):
        try:
            barrier.wait()
            results[i] = retry_while_locked(fn)
        except Exception as exc:  # the caller inspects what each thread met
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(fns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results

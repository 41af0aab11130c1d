"""Recording stamp scans off the public page's hot path.

A trace page used to write its scan synchronously (one INSERT and several UPDATEs in their own
transaction) and count the distinct places over every scan of the stamp: on SQLite every
request then queued for the single writer, about 90 pages/s. Now a scan is appended to this
process's buffer and written with the others in one transaction (`scans_flush`): when
XASO_STAMP_SCAN_BATCH scans are waiting, or XASO_STAMP_SCAN_SECONDS after the first one (a
daemon thread), and when the process exits. The flush locks the stamps it touches, adds the
scans, counts the places that are new for each stamp (the (stamp, source) index), and updates
each stamp's counters and clone flag in one statement per stamp, so flagging is exact whatever
the batching, and two processes flushing the same stamp queue instead of double counting.

A crash loses at most the scans of the last second. XASO_STAMP_SCAN_BATCH = 1 writes every scan
at once (the economy tests do that).

While scans are batched, the public page is already up to a second behind other processes'
scans; so it also keeps the stamp rows it read for that long (`stamp_recent`), and a popular
serial costs one SELECT a second per process instead of one per scan. This process's own
scans are added from its buffer, and each flush forgets the rows it changed the counts of.
"""

import atexit
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# A stamp is on one unit: a buyer, a shop, a family member scan it from a few networks. Beyond
# these, the serial has very likely been copied onto other packs. Only distinct sources count:
# hits do not, or one client reloading the page could brand a genuine stamp a clone.
CLONE_SOURCES = 5


@dataclass(frozen=True, slots=True)
class Scan:
    stamp_id: int
    source: str
    at: datetime


def _batch_size() -> int:
    return max(int(settings.XASO_STAMP_SCAN_BATCH), 1)


def _seconds() -> float:
    return float(settings.XASO_STAMP_SCAN_SECONDS)


class _Buffer:
    def __init__(self):
        self.lock = threading.Lock()
        self.scans: list[Scan] = []
        self.pending: dict[int, int] = defaultdict(int)
        self.timer: threading.Thread | None = None
        self.wake = threading.Event()

    def add(self, scan: Scan) -> bool:
        """Queue a scan; True when the batch is full and the caller should flush."""
        with self.lock:
            self.scans.append(scan)
            self.pending[scan.stamp_id] += 1
            full = len(self.scans) >= _batch_size()
            if not full and self.timer is None and _seconds() > 0:
                self.timer = threading.Thread(target=self._run, name="stamp-scans", daemon=True)
                self.timer.start()
        return full

    def take(self) -> list[Scan]:
        with self.lock:
            scans, self.scans = self.scans, []
            self.pending = defaultdict(int)
        return scans

    def pending_for(self, stamp_id: int) -> int:
        return self.pending.get(stamp_id, 0)

    def _run(self) -> None:
        while True:
            time.sleep(_seconds())
            if not self.scans:
                continue
            try:
                scans_flush()
            except Exception:  # a failed flush must not kill the thread; the scans are lost
                logger.exception("stamp scans could not be written")
            finally:
                connection.close()  # this thread's own connection


_buffer = _Buffer()

# serial -> (monotonic deadline, stamp row); emptied when it grows past RECENT_MAX.
_recent: dict = {}
RECENT_MAX = 10_000


def _remembering() -> bool:
    return _batch_size() > 1 and _seconds() > 0


def stamp_recent(serial: str):
    """The stamp row read for `serial` less than XASO_STAMP_SCAN_SECONDS ago and not changed by
    a flush of this process since, or None. Nothing is kept when scans are written at once."""
    hit = _recent.get(serial)
    if hit is not None and hit[0] > time.monotonic() and _remembering():
        return hit[1]
    return None


def stamp_remember(stamp) -> None:
    if not _remembering():
        return
    if len(_recent) >= RECENT_MAX:
        _recent.clear()
    _recent[stamp.serial] = (time.monotonic() + _seconds(), stamp)


def scan_queue(*, stamp_id: int, source: str) -> None:
    if _buffer.add(Scan(stamp_id, source, timezone.now())):
        scans_flush()


def scans_pending(stamp_id: int) -> int:
    """Scans of this stamp waiting in this process, not yet counted on the stamp."""
    return _buffer.pending_for(stamp_id)


def scans_flush() -> int:
    """Write every waiting scan of this process. Returns how many were written."""
    scans = _buffer.take()
    if scans:
        try:
            scans_write(scans)
        finally:
            _recent.clear()  # their counts changed: read them again
    return len(scans)


def scans_write(scans: list[Scan]) -> None:
    """Add scans and bring each stamp's counters and clone flag up to date, set-wise."""
    from xaso.economy.models import Stamp, StampScan

    by_stamp: dict[int, list[Scan]] = defaultdict(list)
    for scan in scans:
        by_stamp[scan.stamp_id].append(scan)
    ids = sorted(by_stamp)
    stamps_table = connection.ops.quote_name(Stamp._meta.db_table)
    scans_table = connection.ops.quote_name(StampScan._meta.db_table)
    now = timezone.now()
    with transaction.atomic():
        # Lock the stamps (in id order, so two flushes cannot deadlock) before reading places.
        existing = set(Stamp.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        updates = []
        with connection.cursor() as cursor:
            for stamp_id in ids:
                if stamp_id not in existing:
                    continue  # deleted with its batch meanwhile
                batch = by_stamp[stamp_id]
                sources = sorted({s.source for s in batch})
                cursor.execute(
                    f"SELECT DISTINCT source FROM {scans_table} WHERE stamp_id = %s AND source IN "  # noqa: S608
                    f"({', '.join(['%s'] * len(sources))})",
                    [stamp_id, *sources],
                )
                new_places = len(sources) - len(cursor.fetchall())
                first = min(s.at for s in batch)
                last = max(s.at for s in batch)
                updates.append((len(batch), new_places, first, last, stamp_id))
        StampScan.objects.bulk_create(
            [
                StampScan(stamp_id=s.stamp_id, source=s.source, at=s.at)
                for s in scans
                if s.stamp_id in existing
            ],
            batch_size=1000,
        )
        field = Stamp._meta.get_field("last_scanned_at")

        def prep(value):
            return field.get_db_prep_save(value, connection)

        sql = (
            f"UPDATE {stamps_table} SET scan_count = scan_count + %s, places = places + %s, "  # noqa: S608
            "first_scanned_at = COALESCE(first_scanned_at, %s), last_scanned_at = %s, "
            "flagged_at = CASE WHEN flagged_at IS NULL AND places + %s > %s "
            "THEN %s ELSE flagged_at END WHERE id = %s"
        )
        rows = [
            (n, new, prep(first), prep(last), new, CLONE_SOURCES, prep(now), stamp_id)
            for n, new, first, last, stamp_id in updates
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


@atexit.register
def _flush_at_exit() -> None:
    try:
        scans_flush()
    except Exception:  # the database may be gone at exit: nothing more can be done
        logger.exception("stamp scans could not be written at exit")

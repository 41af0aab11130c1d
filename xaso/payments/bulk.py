"""The few set-wise statements a large statement import needs, in raw SQL for each database.

A 50,000-line file against millions of requests spent its time in the ORM (a model instance per
request, a parameter conversion per value) and in round trips (one UPDATE per request). Here:
PostgreSQL gets one query per step, lists passed as arrays (`= ANY(...)`, `unnest`) and new
lines written with COPY; SQLite, which has neither, gets IN lists of at most CHUNK codes and
prepared statements run many times by its C driver (no round trips: it is in-process).
Only services.statement_import calls these, inside its transaction.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection

from xaso.payments.models import PaymentRequest, StatementLine

# Values per IN (...) list on SQLite: well under its parameter limit.
CHUNK = 2000

_REQUESTS = PaymentRequest._meta.db_table
_LINES = StatementLine._meta.db_table


def _postgres() -> bool:
    return connection.vendor == "postgresql"


# SQLite's page cache for an import's connection: a large file updates rows all over a big
# table, and with the default 2 MB the changed pages spill to the WAL and are read back.
SQLITE_CACHE_KIB = 256 * 1024


@contextmanager
def large_import():
    """Give this connection a large page cache while the block runs (SQLite), then the old one
    back, so a long-lived web worker's connection does not keep it."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _array(values: Iterable, cast: str = "text") -> tuple[str, str]:
    """A PostgreSQL array parameter sent as one comma-separated string and split by the server:
    psycopg adapts a Python list element by element, which took seconds for the 50,000 codes,
    ids and statuses of a large import. Only for values without commas (codes, ids, statuses,
    ISO timestamps); an empty item is NULL. Returns the SQL and its parameter."""
    return (
        f"string_to_array(%s, ',', '')::{cast}[]",
        ",".join("" if v is None else str(v) for v in values),
    )


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass(slots=True)
class Due:
    """The fields of a payment request that reconciliation reads and changes."""

    pk: int
    reference: str
    kind: str
    amount: int
    amount_received: int
    status: str
    paid_at: datetime | None


def known_txn_ids(account_id: int, txn_ids: list[str]) -> set[str]:
    """Which of these bank transaction ids the account already has a line for."""
    sql = f"SELECT bank_txn_id FROM {_LINES} WHERE account_id = %s AND bank_txn_id "  # noqa: S608
    found: set[str] = set()
    with connection.cursor() as cursor:
        if _postgres() and not any("," in t for t in txn_ids):
            array, param = _array(txn_ids)
            cursor.execute(sql + f"= ANY({array})", [account_id, param])
            found.update(row[0] for row in cursor.fetchall())
            return found
        for chunk in _chunks(txn_ids):
            cursor.execute(sql + f"IN ({', '.join(['%s'] * len(chunk))})", [account_id, *chunk])
            found.update(row[0] for row in cursor.fetchall())
    return found


def dues_locked(account_id: int, references: list[str]) -> dict[str, Due]:
    """The account's requests with these payment codes, locked until the transaction ends
    (FOR NO KEY UPDATE on PostgreSQL, the lock its UPDATE takes: no key changes; SQLite's write
    transaction already excludes other writers). Payment codes hold letters and digits only."""
    sql = (
        "SELECT id, reference, kind, amount, amount_received, status, paid_at "  # noqa: S608
        f"FROM {_REQUESTS} WHERE account_id = %s AND reference "
    )
    dues: dict[str, Due] = {}
    with connection.cursor() as cursor:
        if _postgres():
            array, param = _array(references)
            cursor.execute(sql + f"= ANY({array}) ORDER BY id FOR NO KEY UPDATE", [account_id, param])
            rows = cursor.fetchall()
        else:
            rows = []
            for chunk in _chunks(references):
                cursor.execute(sql + f"IN ({', '.join(['%s'] * len(chunk))})", [account_id, *chunk])
                rows.extend(cursor.fetchall())
    paid_at = PaymentRequest._meta.get_field("paid_at")
    for pk, reference, kind, amount, received, status, paid in rows:
        if paid is not None and not isinstance(paid, datetime):
            paid = paid_at.to_python(paid)
        dues[reference] = Due(pk, reference, kind, amount, received, status, paid)
    return dues


def dues_write(dues: list[Due]) -> None:
    """Save status, amount received and paid-at of many requests."""
    if not dues:
        return
    dues = sorted(dues, key=lambda d: d.pk)  # in table order: pages are visited once, in turn
    field = PaymentRequest._meta.get_field("paid_at")
    prepared: dict = {}  # an import stamps one time on all it settles: convert it once
    paid = []
    for d in dues:
        if d.paid_at not in prepared:
            prepared[d.paid_at] = field.get_db_prep_save(d.paid_at, connection)
        paid.append(prepared[d.paid_at])
    with connection.cursor() as cursor:
        if _postgres():
            arrays = [
                _array([d.pk for d in dues], "bigint"),
                _array([d.status for d in dues], "varchar"),
                _array([d.amount_received for d in dues], "bigint"),
                _array([p.isoformat() if p is not None else None for p in paid], "timestamptz"),
            ]
            cursor.execute(
                f"UPDATE {_REQUESTS} AS r SET status = v.status, amount_received = v.received, "  # noqa: S608
                f"paid_at = v.paid_at FROM unnest({', '.join(a for a, _ in arrays)}) "
                "AS v(id, status, received, paid_at) WHERE r.id = v.id",
                [p for _, p in arrays],
            )
            return
        rows = [(d.status, d.amount_received, p, d.pk) for d, p in zip(dues, paid, strict=True)]
        sql = f"UPDATE {_REQUESTS} SET status = ?, amount_received = ?, paid_at = ? WHERE id = ?"  # noqa: S608
        cursor.cursor.executemany(sql, rows)  # the sqlite3 cursor itself: one C loop


LINE_COLUMNS = (
    "statement_id",
    "account_id",
    "commune_id",
    "bank_txn_id",
    "booked_on",
    "amount",
    "description",
    "outcome",
    "request_id",
    "review_note",
)


def lines_insert(rows: list[tuple]) -> None:
    """Insert statement lines, each a tuple in LINE_COLUMNS order (booked_on a date)."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if _postgres():
            with cursor.cursor.copy(f"COPY {_LINES} ({', '.join(LINE_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {_LINES} ({', '.join(LINE_COLUMNS)}) VALUES ({', '.join(['?'] * len(LINE_COLUMNS))})"  # noqa: S608, E501
        iso = {}
        prepared = []
        for row in rows:
            booked: date = row[4]
            text = iso.get(booked) or iso.setdefault(booked, booked.isoformat())
            prepared.append((*row[:4], text, *row[5:]))
        cursor.cursor.executemany(sql, prepared)

"""Run one hot read as cheaply as the database driver allows.

Django binds parameters on the client: PostgreSQL parses and plans every statement afresh. For
an indexed lookup by a unique key, planning costs five to ten times the execution (0.2–0.3 ms
against 0.03 ms measured on the province's dossiers). `fetch_prepared` sends such a read with
server-side binding, prepared once per database connection (psycopg keeps the statement for the
connection's life), so each later request only executes it; its rows come back in binary
form, which psycopg reads without parsing dates from text. A connection pooler between xaso
and PostgreSQL must then keep prepared statements per client (PgBouncer 1.21+:
`max_prepared_statements`), or run in session mode.

On SQLite the read goes to the driver's connection with the placeholders converted once per
statement: Django's cursor wrapper rewrites `%s` into `?` with a regular expression and builds
three wrapper objects on every call, which cost more than the indexed read itself (0.13 ms
against 0.05 ms measured on the province's dossiers).

Either way the connection is Django's own (opened, checked and closed by Django) and errors are
Django's database errors. When something watches the queries (DEBUG's query log,
`assertNumQueries`, an execute wrapper), the read goes through Django's cursor as any other,
so it is logged and counted. Every other query runs as usual."""

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

# psycopg prepares a statement on its own once it has run this many times on a connection.
NEVER = 2**31 - 1

_QMARK: dict[str, str] = {}  # Django's `%s` statement -> sqlite3's `?` statement


def fetch_prepared(sql: str, params: list) -> list[tuple]:
    """All rows of `sql` (Django's `%s` placeholders) with `params`, on the default database."""
    connection = connections[DEFAULT_DB_ALIAS]  # once: each use of django.db.connection looks it up
    if connection.queries_logged or connection.execute_wrappers:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    try:
        with connection.wrap_database_errors:
            return _fetch(connection, sql, params)
    except (InterfaceError, OperationalError):
        # Django's health check (CONN_HEALTH_CHECKS) pings a reused connection before its first
        # query of a request: one more round trip per lookup. Here the read itself is the check:
        # when it fails on a broken connection outside a transaction, reconnect and read again.
        if not connection.health_check_enabled or connection.in_atomic_block or connection.is_usable():
            raise
        connection.close()
        connection.ensure_connection()
        with connection.wrap_database_errors:
            return _fetch(connection, sql, params)


def _fetch(connection, sql: str, params: list) -> list[tuple]:
    driver = connection.connection
    if connection.vendor == "sqlite":
        return driver.execute(_qmark(sql), params).fetchall()
    if connection.vendor != "postgresql":
        with driver.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    cursor = _server_bound(driver)
    cursor.execute(sql, params, prepare=True, binary=True)
    return cursor.fetchall()


def _server_bound(driver):
    """The connection's server-binding cursor (Django's connections make client-binding ones),
    kept with the connection: making one per read cost more than the read (0.07 ms)."""
    cursor = getattr(driver, "_xaso_server_bound", None)
    if cursor is None or cursor.closed:
        import psycopg  # noqa: PLC0415  (only where PostgreSQL is the database)

        if driver.prepare_threshold is None:
            # Django leaves preparing off (None), which psycopg applies even to prepare=True.
            # A threshold no statement reaches keeps every other statement unprepared.
            driver.prepare_threshold = NEVER
        cursor = driver._xaso_server_bound = psycopg.Cursor(driver)
    return cursor


def _qmark(sql: str) -> str:
    found = _QMARK.get(sql)
    if found is None:  # as Django's SQLiteCursorWrapper.convert_query does, once
        found = _QMARK[sql] = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
    return found

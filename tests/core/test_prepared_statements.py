"""A hot read runs as a statement PostgreSQL keeps prepared (xaso.core.prepared); everywhere
else, and for every other query, nothing changes."""

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from xaso.core.prepared import fetch_prepared
from xaso.places.models import Commune

pytestmark = pytest.mark.django_db

SQL = "SELECT name FROM places_commune WHERE code = %s"


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_it_answers_as_a_plain_query(commune):
    assert fetch_prepared(SQL, [commune.code]) == [(commune.name,)]
    assert fetch_prepared(SQL, ["no such code"]) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_on_postgresql_only_the_hot_read_is_prepared_once(commune):
    for _ in range(3):
        fetch_prepared(SQL, [commune.code])
    for _ in range(10):  # Django's own queries, many times over: never prepared
        list(Commune.objects.filter(code=commune.code))
    statements = prepared_statements()
    assert [s for s in statements if "places_commune" in s] == [SQL.replace("%s", "$1")]


def test_a_failing_statement_raises_djangos_database_error(commune):
    with pytest.raises(DatabaseError):
        fetch_prepared("SELECT nothing FROM no_such_table WHERE code = %s", [commune.code])


def test_a_watched_read_goes_through_djangos_cursor(commune):
    # assertNumQueries, DEBUG's log and execute wrappers see the read as any other query.
    with CaptureQueriesContext(connection) as captured:
        assert fetch_prepared(SQL, [commune.code]) == [(commune.name,)]
    assert [q["sql"] for q in captured.captured_queries if "places_commune" in q["sql"]]
    seen = []

    def watch(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        assert fetch_prepared(SQL, [commune.code]) == [(commune.name,)]
    assert seen == [SQL]


def test_an_unwatched_read_bypasses_djangos_cursor(commune, monkeypatch):
    def no_cursor():
        raise AssertionError("Django's cursor was used")

    monkeypatch.setattr(connection, "cursor", no_cursor)
    assert fetch_prepared(SQL, [commune.code]) == [(commune.name,)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a server to lose is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_connection_lost_between_requests_is_reopened_for_the_read(commune):
    # With CONN_HEALTH_CHECKS, in place of Django's ping before each request's first query.
    connection.ensure_connection()
    connection.health_check_enabled = True
    pid = connection.connection.info.backend_pid
    fetch_prepared(SQL, [commune.code])  # prepared on this connection
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert fetch_prepared(SQL, [commune.code]) == [(commune.name,)]
    assert connection.connection.info.backend_pid != pid


def test_the_read_reuses_one_server_cursor_per_connection(commune):
    fetch_prepared(SQL, [commune.code])
    if connection.vendor == "postgresql":
        kept = connection.connection._xaso_server_bound
        fetch_prepared(SQL, [commune.code])
        assert connection.connection._xaso_server_bound is kept and not kept.closed
    assert fetch_prepared(SQL, [commune.code]) == [(commune.name,)]

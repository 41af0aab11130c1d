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

"""A hot read runs as a statement PostgreSQL keeps prepared (xaso.core.prepared); everywhere
else, and for every other query, nothing changes."""

import pytest
from django.db import DatabaseError, connection

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

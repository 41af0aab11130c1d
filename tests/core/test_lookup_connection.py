"""On PostgreSQL the public lookup reads through a connection of its own whose statements the
server keeps prepared (settings.DATABASES["lookup"]: Django's documented psycopg options,
server-side binding and prepare_threshold); every other query keeps the default connection's
client-side binding. The test suite reads through `default` (a test's rows live in its
transaction there): this checks the alias the server is given, on a connection of its own."""

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper

from xaso.onestop.lookup import LOOKUP_DB

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the alias is PostgreSQL's")


def test_the_lookup_alias_binds_on_the_server_and_prepares():
    lookup = settings.XASO_LOOKUP_DATABASE
    assert LOOKUP_DB == "lookup"
    assert lookup["OPTIONS"]["server_side_binding"] is True
    assert lookup["OPTIONS"]["prepare_threshold"] == 0
    assert lookup["TEST"] == {"MIRROR": "default"}
    assert "server_side_binding" not in settings.DATABASES["default"]["OPTIONS"]


@pytest.mark.django_db
def test_a_statement_run_on_it_is_prepared_once():
    # A connection of its own to the test database, with the lookup alias's options.
    options = settings.XASO_LOOKUP_DATABASE["OPTIONS"]
    own = DatabaseWrapper({"TIME_ZONE": None, **connection.settings_dict, "OPTIONS": options})
    try:
        sql = "SELECT %s::int + 1"
        with own.cursor() as cursor:
            for value in (1, 2, 3):
                cursor.execute(sql, [value])
                assert cursor.fetchone() == (value + 1,)
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            statements = [row[0] for row in cursor.fetchall()]
        assert statements.count("SELECT $1::int + 1") == 1
    finally:
        own.close()

"""The register's full-text index over the names (SQLite FTS5 kept by triggers; GIN indexes on
PostgreSQL), filled for the entries already there. The SQL lives in xaso.civil.fulltext, which
also puts it back after table rebuilds."""

from django.db import migrations

from xaso.civil import fulltext


def forwards(apps, schema_editor):
    fulltext.install(schema_editor.connection)


def backwards(apps, schema_editor):
    fulltext.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("civil", "0002_entry_extracts")]

    operations = [migrations.RunPython(forwards, backwards)]

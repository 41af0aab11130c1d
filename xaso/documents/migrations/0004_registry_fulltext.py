"""The registry's full-text index (SQLite FTS5 kept by triggers; a GIN index on PostgreSQL).
The SQL lives in xaso.documents.registry.fulltext, which also puts it back after table rebuilds."""

from django.db import migrations, models

from xaso.documents.registry import fulltext


def forwards(apps, schema_editor):
    fulltext.install(schema_editor.connection)


def backwards(apps, schema_editor):
    fulltext.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_exchange")]

    operations = [
        migrations.RunPython(forwards, backwards),
        # The registry page lists a commune's documents newest first when nothing is searched.
        migrations.AddIndex(
            model_name="registereddocument",
            index=models.Index(fields=["commune", "-id"], name="documents_r_commune_newest"),
        ),
    ]

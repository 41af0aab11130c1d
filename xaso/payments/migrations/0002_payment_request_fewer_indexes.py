"""Drop the payment request indexes no query uses; each was written again for every request a
statement import settles (docs/benchmarks.md, reconciliation).

- the commune foreign key's own index (and its varchar_pattern_ops twin on PostgreSQL): the
  commune is the first column of payreq_commune_status, which serves the same look-ups;
- search_text's index (and its twin): the search matches inside the text (LIKE '%…%');
- on PostgreSQL, the varchar_pattern_ops twin Django adds beside a unique CharField, for
  LIKE 'abc%' on the payment code, which nothing asks (look-ups are by equality, served by the
  unique index that stays).

The indexes are dropped by name rather than through AlterField, which on SQLite copies the whole
table (millions of rows) to change an index.
"""

from django.db import migrations, models

# (column, whether only its varchar_pattern_ops twin goes)
DROPPED = (("commune_id", False), ("search_text", False), ("reference", True))


def _names(schema_editor, table):
    for column, like_only in DROPPED:
        base = schema_editor._create_index_name(table, [column])
        if not like_only:
            yield base
        yield schema_editor._create_index_name(table, [column], suffix="_like")


def drop(apps, schema_editor):
    table = apps.get_model("payments", "PaymentRequest")._meta.db_table
    for name in _names(schema_editor, table):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def recreate(apps, schema_editor):
    model = apps.get_model("payments", "PaymentRequest")
    postgres = schema_editor.connection.vendor == "postgresql"
    for column, like_only in DROPPED:
        field = model._meta.get_field(column.removesuffix("_id"))
        if not like_only:
            schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))
        if postgres:
            schema_editor.execute(schema_editor._create_like_index_sql(model, field))


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="paymentrequest",
                    name="commune",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.PROTECT,
                        related_name="+",
                        to="places.commune",
                    ),
                ),
                migrations.AlterField(
                    model_name="paymentrequest",
                    name="search_text",
                    field=models.CharField(blank=True, max_length=400),
                ),
            ],
            database_operations=[migrations.RunPython(drop, recreate)],
        ),
    ]

"""A procedure's fee may be per copy (the dossier pays it times its form field `copies`); the
shipped catalogue marks its per-copy procedures (extract copies of civil-status records). Only
that column is set on the shipped rows: an admin's other edits are left alone."""

from django.db import migrations, models

from xaso.onestop.catalog import catalogue_rows


def mark_per_copy(apps, schema_editor):
    procedure = apps.get_model("onestop", "Procedure")
    codes = [row["code"] for row in catalogue_rows() if row.get("fee_per_copy")]
    procedure.objects.filter(code__in=codes).update(fee_per_copy=True)


class Migration(migrations.Migration):
    dependencies = [
        ("onestop", "0007_rating_report_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="fee_per_copy",
            field=models.BooleanField(
                default=False,
                help_text="The dossier pays the fee once for each copy asked for (its form field “copies”).",
                verbose_name="fee per copy",
            ),
        ),
        migrations.RunPython(mark_per_copy, migrations.RunPython.noop),
    ]

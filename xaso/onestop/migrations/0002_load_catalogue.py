from django.db import migrations

from xaso.onestop.catalog import catalogue_rows, load_into


def load(apps, schema_editor):
    load_into(apps.get_model("onestop", "Procedure"), catalogue_rows())


class Migration(migrations.Migration):
    dependencies = [("onestop", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

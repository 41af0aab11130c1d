import django.utils.timezone
from django.db import migrations, models
from django.db.models import Count


def places_count(apps, schema_editor):
    """Stamps scanned before this migration get their distinct places counted once."""
    Stamp = apps.get_model("economy", "Stamp")
    StampScan = apps.get_model("economy", "StampScan")
    counts = StampScan.objects.values("stamp_id").annotate(n=Count("source", distinct=True)).order_by()
    for row in counts.iterator():
        Stamp.objects.filter(pk=row["stamp_id"]).update(places=row["n"])


class Migration(migrations.Migration):
    dependencies = [
        ("economy", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="stamp",
            name="places",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="stampscan",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.RunPython(places_count, migrations.RunPython.noop),
    ]

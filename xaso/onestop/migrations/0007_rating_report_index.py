from django.db import migrations, models


class Migration(migrations.Migration):
    """The report reads the ratings given since a period began from an index (it probed the
    ratings once per dossier of the period: 161,100 probes for a province month)."""

    dependencies = [
        ("onestop", "0006_report_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="rating",
            index=models.Index(fields=["created_at", "dossier", "level"], name="rating_report"),
        ),
    ]

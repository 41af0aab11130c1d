from django.db import migrations, models


class Migration(migrations.Migration):
    """The report's index covers the columns it counts (was commune and received time only)."""

    dependencies = [
        ("onestop", "0005_dossier_view"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="dossier", name="dossier_received"),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                fields=["commune", "received_at", "status", "channel", "due_date", "finished_at", "procedure", "assignee"],
                name="dossier_report",
            ),
        ),
    ]

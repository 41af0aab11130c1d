"""A dossier's timeline notes become internal (staff only) or for the citizen.

Existing notes: those written on steps between officers — accepting an online dossier,
assigning, starting, sending for approval, the leader sending back, a linked dossier opened —
were never meant for the citizen and become internal; every other note (a supplement asked,
a refusal, a cancellation, a decision, an apology, the citizen's own withdrawal or
resubmission, a delivery, a fee received) stays visible to the citizen, as it was."""

from django.db import migrations, models

STAFF_STEPS = ["receive", "assign", "start", "propose", "send_back", "open_linked"]


def mark_staff_notes(apps, schema_editor):
    DossierEvent = apps.get_model("onestop", "DossierEvent")
    DossierEvent.objects.filter(action__in=STAFF_STEPS).exclude(note="").update(internal=True)


class Migration(migrations.Migration):
    dependencies = [
        ("onestop", "0010_procedure_fee_schedule"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossierevent",
            name="internal",
            field=models.BooleanField(default=False, verbose_name="internal note"),
        ),
        migrations.RunPython(mark_staff_notes, migrations.RunPython.noop),
    ]

"""A procedure's fee may be priced per page in tiers (`fee_schedule`, xaso.onestop.fee_tiers);
the shipped catalogue prices certified copies from the original that way (2.000 đồng a page for
pages 1–2, 1.000 from page 3, at most 200.000 a copy). On the shipped rows only the schedule,
the fee note and a `copies` field (added when the form has none) are set: an admin's other edits
are left alone, and a form whose `pages` field was removed keeps no schedule (it could not be
priced). The procedure table holds a few dozen rows: Django's AddField is fine here."""

from django.db import migrations, models

from xaso.onestop.catalog import catalogue_rows
from xaso.onestop.fee_tiers import schedule_check


def ship_schedules(apps, schema_editor):
    procedure = apps.get_model("onestop", "Procedure")
    for row in catalogue_rows():
        schedule = row.get("fee_schedule")
        found = procedure.objects.filter(code=row["code"]).first() if schedule else None
        if found is None:
            continue
        form = list(found.form or [])
        if not any(f.get("name") == "copies" for f in form):
            form += [f for f in row["form"] if f["name"] == "copies"]
        if schedule_check(schedule, form, fee_per_copy=found.fee_per_copy):
            continue
        found.form, found.fee_schedule, found.fee_note = form, schedule, row["fee_note"]
        found.save(update_fields=["form", "fee_schedule", "fee_note"])


class Migration(migrations.Migration):
    dependencies = [
        ("onestop", "0009_dossier_search_numbers"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="fee_schedule",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text=(
                    'Leave {} for a fixed fee. Per page in tiers: {"per": "page", "tiers": [[1, 2000], '
                    '[3, 1000]], "cap_per_copy": 200000} (a required integer field “pages” in the form, '
                    "optionally “copies”); the fee above is then only shown as the price of the first page."
                ),
                verbose_name="fee schedule",
            ),
        ),
        migrations.RunPython(ship_schedules, migrations.RunPython.noop),
    ]

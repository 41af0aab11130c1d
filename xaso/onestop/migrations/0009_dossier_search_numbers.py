"""A dossier's personal numbers (the applicant's phone, answers of `phone` and `personal_id`
fields) move out of `search_text` into `search_numbers`, which the queue matches only for readers
who see those numbers in full (selectors.queue_for): a province supervisor typing a phone number
must not find who filed.

The column carries a database default, so rows written by raw bulk inserts that do not name it
get ''. Django's AddField of a NOT NULL column copies the whole table on SQLite (a province holds
millions of dossiers); both databases add a NOT NULL column with a constant default in place, so
it is added by a plain ALTER TABLE. The backfill is a few set-wise UPDATEs, no row in Python:
`search_text` was `code name phone` (folded; a phone folds to itself), so the phone is cut off
its end.
"""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Concat, Left, Length, Trim

TABLE = "onestop_dossier"
NUMBER_TYPES = {"phone", "personal_id"}


def backfill(apps, schema_editor):
    dossier = apps.get_model("onestop", "Dossier")
    procedure = apps.get_model("onestop", "Procedure")
    with_phone = dossier.objects.exclude(applicant_phone="")
    with_phone.filter(search_text__endswith=Concat(Value(" "), F("applicant_phone"))).update(
        search_numbers=F("applicant_phone"),
        search_text=Left("search_text", Length("search_text") - Length("applicant_phone") - 1),
    )
    # Rows whose text did not end with the phone (not written by the services): number only.
    with_phone.filter(search_numbers="").update(search_numbers=F("applicant_phone"))
    fields: dict[str, list[int]] = {}
    for pk, form in procedure.objects.values_list("pk", "form"):
        for spec in form or []:
            if isinstance(spec, dict) and spec.get("type") in NUMBER_TYPES and spec.get("name"):
                fields.setdefault(spec["name"], []).append(pk)
    for name, procedure_ids in sorted(fields.items()):
        (
            dossier.objects.filter(procedure_id__in=procedure_ids)
            .annotate(number=Cast(KT(f"data__{name}"), models.CharField()))
            .filter(number__gt="")
            .exclude(number=F("applicant_phone"))
            .update(search_numbers=Trim(Concat(F("search_numbers"), Value(" "), F("number"))))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("onestop", "0008_procedure_fee_per_copy"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="dossier",
                    name="search_numbers",
                    field=models.CharField(blank=True, db_default="", default="", max_length=200),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE \"{TABLE}\" ADD COLUMN \"search_numbers\" varchar(200) DEFAULT '' NOT NULL",
                    f'ALTER TABLE "{TABLE}" DROP COLUMN "search_numbers"',
                ),
            ],
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]

"""The birth forms ask what the Giấy khai sinh prints (Circular 04/2020/TT-BTP): the child's
nationality and native place, and each parent's year of birth, ethnicity, nationality and
residence (re-registration and registration with recognition also the child's sex, place of
birth and ethnicity, and the parents' names). On the shipped birth rows only the fields the
stored form lacks are added, each after the field it follows in the catalogue (all optional:
a dossier filed before keeps validating); an admin's own edits to the other fields (labels,
order, choices) stay as they are."""

from django.db import migrations

from xaso.onestop.catalog import catalogue_rows

BIRTH_CODES = ("dang-ky-khai-sinh", "dang-ky-lai-khai-sinh", "dang-ky-khai-sinh-nhan-cha-me-con")


def merged(stored: list[dict], shipped: list[dict]) -> list[dict]:
    form = list(stored)
    for i, field in enumerate(shipped):
        names = [f.get("name") for f in form]
        if field["name"] in names:
            continue
        before = [f["name"] for f in shipped[:i] if f["name"] in names]
        at = names.index(before[-1]) + 1 if before else len(form)
        form.insert(at, field)
    return form


def ask_the_printed_lines(apps, schema_editor):
    procedure = apps.get_model("onestop", "Procedure")
    for row in catalogue_rows():
        if row["code"] not in BIRTH_CODES:
            continue
        found = procedure.objects.filter(code=row["code"]).first()
        if found is None:
            continue
        form = merged(found.form or [], row["form"])
        if form != found.form:
            found.form = form
            found.save(update_fields=["form"])


class Migration(migrations.Migration):
    dependencies = [
        ("onestop", "0011_dossier_event_internal_note"),
    ]

    operations = [
        migrations.RunPython(ask_the_printed_lines, migrations.RunPython.noop),
    ]

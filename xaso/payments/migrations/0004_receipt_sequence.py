"""Cash receipt numbers: a counter per commune and year for the numbers the service gives when
the cashier leaves the field blank (BL-<commune>-<yyyy>-<000001>), and a receipt number unique
within its commune (typed from a paper book or given by the sequence).

The uniqueness is a partial index (receipt_number <> ''): only cash payments carry a number,
so the index is small, and SQLite creates it with CREATE UNIQUE INDEX, no copy of the request
table. Numbers typed twice before this migration would make the index fail; they are named
first, so the person deploying can correct them (a receipt number is printed on paper: it is
not renumbered silently here).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    request = apps.get_model("payments", "PaymentRequest")
    twice = list(
        request.objects.exclude(receipt_number="")
        .values("commune_id", "receipt_number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("commune_id", "receipt_number")[:20]
    )
    if twice:
        listed = ", ".join(f"{row['commune_id']}: {row['receipt_number']!r} ×{row['n']}" for row in twice)
        raise RuntimeError(
            "Receipt numbers used more than once in a commune (correct them, then migrate again): " + listed
        )


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0003_payment_request_cash"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReceiptCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField()),
                ("last", models.PositiveIntegerField(default=0)),
                (
                    "commune",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="places.commune"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("commune", "year"), name="receipt_counter_unique")
                ],
            },
        ),
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="paymentrequest",
            constraint=models.UniqueConstraint(
                condition=~models.Q(receipt_number=""),
                fields=("commune", "receipt_number"),
                name="payreq_receipt_unique",
            ),
        ),
    ]

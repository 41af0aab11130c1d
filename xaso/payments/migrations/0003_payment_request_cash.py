"""How a payment request was settled: by transfer (the default) or in cash at the counter, with
the cashier's receipt number and who took the money (payment_request_pay_cash).

The columns carry database defaults, so rows written by raw bulk inserts that do not name them
get 'transfer' and ''. Django's AddField of a NOT NULL column copies the whole table on SQLite
(the request table holds millions of rows in a province); both databases add a NOT NULL column
with a constant default in place, so the two are added by the same plain ALTER TABLE.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLE = "payments_paymentrequest"


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0002_payment_request_fewer_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Nullable, no default, no index: ADD COLUMN in place on both databases.
        migrations.AddField(
            model_name="paymentrequest",
            name="cashier",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="paymentrequest",
                    name="method",
                    field=models.CharField(
                        choices=[("transfer", "Bank transfer"), ("cash", "Cash at the counter")],
                        db_default="transfer",
                        default="transfer",
                        max_length=10,
                        verbose_name="paid by",
                    ),
                ),
                migrations.AddField(
                    model_name="paymentrequest",
                    name="receipt_number",
                    field=models.CharField(
                        blank=True, db_default="", default="", max_length=30, verbose_name="receipt number"
                    ),
                ),
            ],
            # The same statements on SQLite and PostgreSQL, the columns Django would declare.
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE \"{TABLE}\" ADD COLUMN \"method\" varchar(10) DEFAULT 'transfer' NOT NULL",
                    f'ALTER TABLE "{TABLE}" DROP COLUMN "method"',
                ),
                migrations.RunSQL(
                    f"ALTER TABLE \"{TABLE}\" ADD COLUMN \"receipt_number\" varchar(30) DEFAULT '' NOT NULL",
                    f'ALTER TABLE "{TABLE}" DROP COLUMN "receipt_number"',
                ),
            ],
        ),
    ]

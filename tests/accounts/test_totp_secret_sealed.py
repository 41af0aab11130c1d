"""TOTP secrets are encrypted at rest with a key outside the database; codes still verify, and
the migration seals the secrets django-otp kept in clear."""

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.db import connection
from django_otp import match_token

from tests.accounts.totp import code_for
from xaso.accounts.models import TotpDevice

migration = importlib.import_module("xaso.accounts.migrations.0004_totp_device_sealed_key")


def stored_key(device) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM accounts_totpdevice WHERE id = %s", [device.pk])
        return cursor.fetchone()[0]


def test_the_database_column_does_not_hold_the_secret(commune_leader):
    device = TotpDevice.objects.create(user=commune_leader, name="xaso", confirmed=True)
    raw = stored_key(device)
    assert device.key not in raw
    assert len(device.key) == 40 and raw != device.key
    assert TotpDevice.objects.get(pk=device.pk).key == device.key


def test_a_code_from_the_app_still_verifies(commune_leader):
    device = TotpDevice.objects.create(user=commune_leader, name="xaso", confirmed=True)
    assert match_token(commune_leader, code_for(device)) == device
    assert match_token(commune_leader, "000000") is None or code_for(device) == "000000"


def test_the_migration_seals_secrets_kept_in_clear_and_erases_them(commune_leader):
    clear = "3132333435363738393031323334353637383930"
    columns = ", ".join(
        f"{c} {'integer' if c != 'name' and c != 'key' else 'varchar(80)'}" for c in migration.OLD_COLUMNS
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {migration.OLD_TABLE} ({columns})")
        cursor.execute(
            "INSERT INTO otp_totp_totpdevice (user_id, name, confirmed, key, step, t0, digits, tolerance, "
            "drift, last_t, throttling_failure_count) VALUES (%s, 'app', 1, %s, 30, 0, 6, 1, 0, -1, 0)",
            [commune_leader.pk, clear],
        )
    # The step reads only the editor's connection (a schema editor cannot open inside a test's
    # transaction on SQLite).
    migration.seal_existing_secrets(apps, SimpleNamespace(connection=connection))
    device = TotpDevice.objects.get(user=commune_leader)
    assert device.key == clear and device.confirmed
    assert clear not in stored_key(device)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM otp_totp_totpdevice")
        assert cursor.fetchone()[0] == 0
        cursor.execute("DROP TABLE otp_totp_totpdevice")

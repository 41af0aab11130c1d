"""The synthetic province is deterministic: the same scale and seed write the same rows."""

import pytest
from django.db import connection, transaction

from bench import province
from tests import factories as f

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def _build(seed: int = province.SEED) -> tuple[dict, str, dict]:
    """Generate the tiny province, read what it wrote, and roll it all back."""
    try:
        with transaction.atomic():
            counts = province.generate("tiny", seed=seed, out=lambda *_a: None)
            with connection.cursor() as cur:
                cur.execute("SELECT status, channel, COUNT(*) FROM onestop_dossier GROUP BY status, channel")
                mix = {(status, channel): n for status, channel, n in cur.fetchall()}
                cur.execute(
                    "SELECT COUNT(DISTINCT code), MIN(due_date) >= MIN(received_at) FROM onestop_dossier"
                )
                mix["distinct_codes"], _ = cur.fetchone()
            raise _Rollback((counts, province.digest(), mix))
    except _Rollback as done:
        return done.args[0]


@pytest.fixture
def two_communes():
    thanh_hoa = f.province("38", "Thanh Hóa")
    f.commune("15469", "Xã Yên Định", thanh_hoa)
    f.commune("15475", "Xã Định Tân", thanh_hoa)


def test_the_same_seed_writes_the_same_rows(two_communes):
    counts, digest, mix = _build()
    again_counts, again_digest, again_mix = _build()
    assert (again_counts, again_digest, again_mix) == (counts, digest, mix)
    assert counts["dossiers"] == 2 * province.SCALES["tiny"].dossiers_per_commune
    assert counts["households"] == 2 * province.SCALES["tiny"].households_per_commune
    assert counts["documents"] == 2 * province.SCALES["tiny"].documents_per_commune
    assert counts["events"] > counts["dossiers"]  # the filing event and the latest one
    assert mix["distinct_codes"] == counts["dossiers"]
    statuses = {key[0] for key in mix if key != "distinct_codes"}
    assert "delivered" in statuses
    assert len(statuses) >= 5
    assert {key[1] for key in mix if key != "distinct_codes"} == {"online", "counter"}


def test_another_seed_writes_other_rows(two_communes):
    assert _build(seed=1)[1] != _build()[1]


def _schema(tables) -> set:
    """Every index and foreign key of `tables`, as the database describes them."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid::regclass::text = ANY(%s)"
                " UNION ALL SELECT conrelid::regclass::text || pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
                [list(tables), list(tables)],
            )
        else:
            found = set()
            for table in tables:
                cur.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table]
                )
                found |= set(cur.fetchall())
            return found
        return set(cur.fetchall())


def test_the_indexes_dropped_for_the_load_are_all_put_back(two_communes):
    tables = [
        "onestop_dossier",
        "onestop_dossierevent",
        "community_household",
        "documents_registereddocument",
    ]
    before = _schema(tables)
    assert len(before) > 10
    try:
        with transaction.atomic():
            province.generate("tiny", out=lambda *_a: None)
            after = _schema(tables)
            raise _Rollback(after)
    except _Rollback as done:
        assert done.args[0] == before

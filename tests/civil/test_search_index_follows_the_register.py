"""The register's search reads a full-text index (xaso/civil/fulltext.py): it must follow every
new entry and every amendment, and match whole words, the last word also as a word's start."""

from datetime import date

import pytest
from django.db import connection

from tests.civil.conftest import birth_data
from xaso.civil import fulltext
from xaso.civil.selectors import entries_search
from xaso.civil.services.entries import entry_amend

pytestmark = pytest.mark.django_db


def _found(actor, **filters):
    return set(entries_search(actor, **filters).values_list("name", flat=True))


def test_a_new_entry_is_found_at_once(register, specialist):
    assert _found(specialist, q="le minh an") == set()
    register()
    assert _found(specialist, q="le minh an") == {"Lê Minh An"}
    assert _found(specialist, q="le minh an", birth_year=2026) == {"Lê Minh An"}
    assert _found(specialist, q="le minh an", birth_year=2025) == set()


def test_an_amended_name_and_birth_date_are_found_by_their_new_values_only(register, specialist):
    entry = register(data=birth_data(name="Lê Minh An", mother_name="Trần Thị Bình"))
    entry_amend(
        actor=specialist,
        entry=entry,
        changes={"name": "Phạm Quốc Việt", "birth_date": "02/03/2025", "mother_name": "Hồ Thị Yến"},
        reason="Cải chính theo giấy chứng sinh",
        decision="Quyết định số 12/QĐ-UBND ngày 05/12/2026",
    )
    assert _found(specialist, q="pham quoc viet", birth_year=2025) == {"Phạm Quốc Việt"}
    assert _found(specialist, q="le minh an") == set()
    assert _found(specialist, q="pham quoc viet", birth_year=2026) == set()
    assert _found(specialist, parent="ho thi yen") == {"Phạm Quốc Việt"}
    assert _found(specialist, parent="tran thi binh") == set()


def test_words_match_whole_the_last_also_as_a_start(register, specialist):
    register(data=birth_data(name="Nguyễn Thị Lan", birth_date=date(2026, 2, 1)))
    register(data=birth_data(name="Nguyễn Văn Anh", birth_date=date(2026, 2, 2)), confirm_duplicates=True)
    assert _found(specialist, q="nguyen van a") == {"Nguyễn Văn Anh"}
    assert _found(specialist, q="nguy an") == set()  # "nguy" is not a whole word, only the last is a start
    assert _found(specialist, q="an") == {"Nguyễn Văn Anh"}  # not "Lan": a word's start only
    assert _found(specialist, q="ng") == {"Nguyễn Thị Lan", "Nguyễn Văn Anh"}


def test_a_table_rebuild_that_dropped_the_triggers_is_repaired_after_migrate(register, specialist):
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite keeps the index by triggers")
    entry = register()
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER civil_entry_search_au")
    assert fulltext.ensure(connection) is True
    assert fulltext.ensure(connection) is False
    assert _found(specialist, q="le minh an") == {"Lê Minh An"}  # refilled from the table
    entry_amend(
        actor=specialist,
        entry=entry,
        changes={"name": "Phạm Quốc Việt"},
        reason="Cải chính",
        decision="Quyết định số 12/QĐ-UBND ngày 05/12/2026",
    )
    assert _found(specialist, q="pham quoc viet") == {"Phạm Quốc Việt"}

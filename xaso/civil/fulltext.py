"""The register's full-text index: what lets `entries_search` answer a name typed without
diacritics in milliseconds over a province's million entries instead of reading every row with
LIKE '%word%' (bench/civil_register.py; docs/benchmarks.md "Civil-status register search").

The approach of the documents registry (xaso/documents/registry/fulltext.py): both databases
index the already-folded name columns (xaso.core.text.fold), the query is folded the same way,
and no database extension is needed.

- SQLite: a contentless FTS5 table kept by triggers, one row per entry: the main and the other
  person's names, the parents' names, the birth year and the commune's code, so "these words,
  born that year, in these communes" is answered inside the index.
- PostgreSQL: two stored generated tsvector columns (the names; the parents' names), each with
  a GIN index and the birth year beside the words; words are cut at anything not a letter or a
  digit, as FTS5 does.

Matching: every typed word must be a whole word of one of the names, except the last, which
may be the start of one (what is being typed: "nguyen van a" finds "Nguyễn Văn An" and
"Nguyễn Văn Anh"). A word inside another word no longer matches ("an" does not find "Lan").
Django rebuilds an SQLite table (dropping its triggers) when some columns change, so `ensure`
runs after every migrate and rebuilds the index when a part of it is missing.
"""

import re

from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from xaso.core.text import fold

TABLE = "civil_registerentry"
FTS = "civil_entry_search"
MAX_WORDS = 8
# The index is narrowed by commune for a commune's staff (a doclist of the commune's entries,
# cheap); not for a province's hundred communes, whose doclists together hold every entry: that
# OR cost 40 ms over 1,000,000 entries, where the table's own filter on the few matches costs 1.
MAX_COMMUNES = 10
_WORD = re.compile(r"[^\W_]+")
_CODE = re.compile(r"[0-9A-Za-z_]+")

# The SQL is spelled out (no string building): the names are fixed and ruff's S608 stays useful.
# The row's values as the index holds them; the triggers hand the same to FTS5's 'delete'.
SQLITE_INSTALL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS civil_entry_search USING fts5(names, parents, born, commune_id,
        content='', tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE TRIGGER IF NOT EXISTS civil_entry_search_ai AFTER INSERT ON civil_registerentry
        BEGIN INSERT INTO civil_entry_search(rowid, names, parents, born, commune_id)
        VALUES (new.id, new.name_folded || ' ' || new.other_folded,
        new.father_folded || ' ' || new.mother_folded, coalesce(substr(new.birth_date, 1, 4), ''),
        new.commune_id); END""",
    """CREATE TRIGGER IF NOT EXISTS civil_entry_search_ad AFTER DELETE ON civil_registerentry
        BEGIN INSERT INTO civil_entry_search(civil_entry_search, rowid, names, parents, born, commune_id)
        VALUES ('delete', old.id, old.name_folded || ' ' || old.other_folded,
        old.father_folded || ' ' || old.mother_folded, coalesce(substr(old.birth_date, 1, 4), ''),
        old.commune_id); END""",
    """CREATE TRIGGER IF NOT EXISTS civil_entry_search_au AFTER UPDATE OF name_folded, other_folded,
        father_folded, mother_folded, birth_date, commune_id ON civil_registerentry BEGIN
        INSERT INTO civil_entry_search(civil_entry_search, rowid, names, parents, born, commune_id)
        VALUES ('delete', old.id, old.name_folded || ' ' || old.other_folded,
        old.father_folded || ' ' || old.mother_folded, coalesce(substr(old.birth_date, 1, 4), ''),
        old.commune_id);
        INSERT INTO civil_entry_search(rowid, names, parents, born, commune_id)
        VALUES (new.id, new.name_folded || ' ' || new.other_folded,
        new.father_folded || ' ' || new.mother_folded, coalesce(substr(new.birth_date, 1, 4), ''),
        new.commune_id); END""",
    """INSERT INTO civil_entry_search(rowid, names, parents, born, commune_id)
        SELECT id, name_folded || ' ' || other_folded, father_folded || ' ' || mother_folded,
        coalesce(substr(birth_date, 1, 4), ''), commune_id FROM civil_registerentry""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS civil_entry_search_ai",
    "DROP TRIGGER IF EXISTS civil_entry_search_ad",
    "DROP TRIGGER IF EXISTS civil_entry_search_au",
    "DROP TABLE IF EXISTS civil_entry_search",
]
SQLITE_MATCH = "SELECT rowid FROM civil_entry_search WHERE civil_entry_search MATCH %s"
# The birth year rides in both vectors as a word "y1990" (no name is spelt so), so "these words,
# born that year" is one GIN look-up instead of a heap visit per namesake.
PG_INSTALL = [
    """ALTER TABLE civil_registerentry ADD COLUMN IF NOT EXISTS names_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, regexp_replace(
        name_folded || ' ' || other_folded, '[^[:alnum:]]+', ' ', 'g')
        || coalesce(' y' || date_part('year', birth_date)::int::text, ''))) STORED""",
    """ALTER TABLE civil_registerentry ADD COLUMN IF NOT EXISTS parents_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, regexp_replace(
        father_folded || ' ' || mother_folded, '[^[:alnum:]]+', ' ', 'g')
        || coalesce(' y' || date_part('year', birth_date)::int::text, ''))) STORED""",
    "CREATE INDEX IF NOT EXISTS civil_entry_names_gin ON civil_registerentry USING gin (names_vector)",
    "CREATE INDEX IF NOT EXISTS civil_entry_parents_gin ON civil_registerentry USING gin (parents_vector)",
]
PG_REMOVE = [
    "DROP INDEX IF EXISTS civil_entry_names_gin",
    "DROP INDEX IF EXISTS civil_entry_parents_gin",
    "ALTER TABLE civil_registerentry DROP COLUMN IF EXISTS names_vector",
    "ALTER TABLE civil_registerentry DROP COLUMN IF EXISTS parents_vector",
]
PG_NAMES = '"civil_registerentry"."names_vector" @@ to_tsquery(\'simple\'::regconfig, %s)'
PG_PARENTS = '"civil_registerentry"."parents_vector" @@ to_tsquery(\'simple\'::regconfig, %s)'


def install(connection) -> None:
    statements = {"sqlite": SQLITE_INSTALL, "postgresql": PG_INSTALL}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def remove(connection) -> None:
    statements = {"sqlite": SQLITE_REMOVE, "postgresql": PG_REMOVE}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def ensure(connection) -> bool:
    """Rebuild the index if a table rebuild dropped part of it (SQLite). True if it did."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return False
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s", [f"{FTS}%"]
        )
        present = {row[0] for row in cursor.fetchall()}
    if {FTS, f"{FTS}_ai", f"{FTS}_ad", f"{FTS}_au"} <= present:
        return False
    remove(connection)  # contentless: refilled from the table, so nothing written meanwhile is lost
    install(connection)
    return True


def words(text: str) -> list[str]:
    """The words of a query as both indexes cut them: folded, split at anything not a letter
    or a digit."""
    return _WORD.findall(fold(text))[:MAX_WORDS]


def _phrases(column: str, terms: list[str]) -> list[str]:
    return [*(f'{column} : "{t}"' for t in terms[:-1]), f'{column} : "{terms[-1]}"*']


def _tsquery(terms: list[str], birth_year: int | None = None) -> str:
    year = [f"y{int(birth_year)}"] if birth_year else []
    return " & ".join([*terms[:-1], f"{terms[-1]}:*", *year])


def matching(qs, *, q: str, parent: str, birth_year: int | None, communes, connection):
    """`qs` (of RegisterEntry) narrowed to the entries whose names hold every word of `q` and
    whose parents' names hold every word of `parent` (see the module's note on matching).
    `birth_year` and `communes` (the commune codes `qs` is limited to, None: any) only narrow
    the index's own look-up (communes: on SQLite); the caller filters on them as well. Others than
    SQLite and PostgreSQL fall back to substring matching."""
    names, parents = words(q), words(parent)
    if not names and not parents:
        return qs
    if connection.vendor == "sqlite":
        # Letters and digits only (`words`), commune codes checked: the expression is a parameter.
        phrases = []
        if names:
            phrases += _phrases("names", names)
        if parents:
            phrases += _phrases("parents", parents)
        if birth_year:
            phrases.append(f'born : "{int(birth_year)}"')
        codes = sorted(communes) if communes is not None else []
        if codes and len(codes) <= MAX_COMMUNES and all(_CODE.fullmatch(c) for c in codes):
            phrases.append("commune_id : (" + " OR ".join(f'"{c}"' for c in codes) + ")")
        return qs.filter(pk__in=RawSQL(SQLITE_MATCH, [" AND ".join(phrases)]))  # noqa: S611
    if connection.vendor == "postgresql":
        if names:
            query = _tsquery(names, birth_year)
            qs = qs.filter(RawSQL(PG_NAMES, [query], output_field=BooleanField()))  # noqa: S611
        if parents:
            query = _tsquery(parents, None if names else birth_year)
            qs = qs.filter(RawSQL(PG_PARENTS, [query], output_field=BooleanField()))  # noqa: S611
        return qs
    for word in names:
        qs = qs.filter(Q(name_folded__contains=word) | Q(other_folded__contains=word))
    for word in parents:
        qs = qs.filter(Q(father_folded__contains=word) | Q(mother_folded__contains=word))
    return qs

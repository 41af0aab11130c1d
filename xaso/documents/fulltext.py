"""The registry's full-text index: what lets `registry_search` answer in milliseconds over
hundreds of thousands of documents instead of scanning every row with LIKE '%word%'.

Both databases index the already-folded `search_text` column (xaso.core.text.fold: lower case,
no diacritics, đ → d), and the query is folded the same way, so "khai sinh" finds "Khai sinh"
with no database extension (PostgreSQL's unaccent needs a superuser; this needs nothing).

- SQLite: an FTS5 table with external content (the registry table itself), kept by triggers.
- PostgreSQL: a GIN index over to_tsvector('simple', …) of the text with every run of
  non-alphanumerics turned into a space, so "15/tb-ubnd" indexes as the words 15, tb, ubnd,
  as FTS5's tokenizer does (the 'simple' parser alone keeps "15/tb-ubnd" as one file token).

A query matches the documents holding every word of it, the last one as a prefix ("bao l"
finds "bão lũ lụt"); results come newest first by id (ids are handed out in creation order).
Django rebuilds an SQLite table (and drops its triggers) when some columns change, so `ensure`
runs after every migrate and puts back whatever is missing.
"""

import re

from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from xaso.core.text import fold

TABLE = "documents_registereddocument"
FTS = "documents_registry_fts"
MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
# The SQL is spelled out (no string building): the names are fixed and ruff's S608 stays useful.
SQLITE_INSTALL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS documents_registry_fts USING fts5(search_text,
        content='documents_registereddocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE TRIGGER IF NOT EXISTS documents_registry_fts_ai AFTER INSERT ON documents_registereddocument
        BEGIN INSERT INTO documents_registry_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER IF NOT EXISTS documents_registry_fts_ad AFTER DELETE ON documents_registereddocument
        BEGIN INSERT INTO documents_registry_fts(documents_registry_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text); END""",
    """CREATE TRIGGER IF NOT EXISTS documents_registry_fts_au AFTER UPDATE OF search_text
        ON documents_registereddocument BEGIN
        INSERT INTO documents_registry_fts(documents_registry_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO documents_registry_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    "INSERT INTO documents_registry_fts(documents_registry_fts) VALUES ('rebuild')",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS documents_registry_fts_ai",
    "DROP TRIGGER IF EXISTS documents_registry_fts_ad",
    "DROP TRIGGER IF EXISTS documents_registry_fts_au",
    "DROP TABLE IF EXISTS documents_registry_fts",
]
# The query must spell the indexed expression exactly so for PostgreSQL to use the index.
PG_INSTALL = [
    """CREATE INDEX IF NOT EXISTS documents_registry_fts_gin ON documents_registereddocument USING gin
        (to_tsvector('simple'::regconfig, regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g')))"""
]
PG_REMOVE = ["DROP INDEX IF EXISTS documents_registry_fts_gin"]
# A join, not `id IN (SELECT rowid …)`: SQLite then walks the matches newest first inside the
# FTS index and stops at the page's end (under 1 ms for a word in a quarter of 100,000
# documents), where IN first lists every match (30 ms) or, misjudging, scans the commune.
SQLITE_JOIN = 'documents_registry_fts.rowid = "documents_registereddocument"."id"'
SQLITE_MATCH = "documents_registry_fts MATCH %s"
SQLITE_ORDER = "-documents_registry_fts.rowid"
PG_MATCH = (
    'to_tsvector(\'simple\'::regconfig, regexp_replace("documents_registereddocument"."search_text", '
    "'[^[:alnum:]]+', ' ', 'g')) @@ to_tsquery('simple'::regconfig, %s)"
)


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
    """Put the index back if a table rebuild dropped part of it (SQLite). True if it did."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if TABLE not in tables:
            return False
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s", [f"{FTS}%"]
        )
        present = {row[0] for row in cursor.fetchall()}
    if {FTS, f"{FTS}_ai", f"{FTS}_ad", f"{FTS}_au"} <= present:
        return False
    install(connection)  # the 'rebuild' re-reads every row, so nothing written meanwhile is lost
    return True


def words(q: str) -> list[str]:
    """The words of a query as both indexes cut them: folded, split at anything not a letter
    or a digit."""
    return _WORD.findall(fold(q))[:MAX_WORDS]


def matching_newest_first(qs, q: str, *, connection):
    """`qs` (of RegisteredDocument) narrowed to the documents holding every word of `q`, the
    last one as a word prefix (what is being typed), newest (highest id) first. Rules: do not
    re-order the result (on SQLite the order comes from the index); other databases than
    SQLite and PostgreSQL fall back to substring matching."""
    terms = words(q)
    if not terms:
        return qs.order_by("-id")
    # The words are letters and digits only (`words`) and go in as a parameter.
    if connection.vendor == "sqlite":
        expression = " AND ".join([*(f'"{t}"' for t in terms[:-1]), f'"{terms[-1]}"*'])
        return qs.extra(  # noqa: S610
            tables=[FTS], where=[SQLITE_JOIN, SQLITE_MATCH], params=[expression], order_by=[SQLITE_ORDER]
        )
    if connection.vendor == "postgresql":
        expression = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
        return qs.filter(RawSQL(PG_MATCH, [expression], output_field=BooleanField())).order_by("-id")  # noqa: S611
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    return qs.order_by("-id")

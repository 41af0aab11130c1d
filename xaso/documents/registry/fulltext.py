"""The registry's full-text index: what lets `registry_search` answer in milliseconds over
hundreds of thousands of documents instead of scanning every row with LIKE '%word%'.

Both databases index the already-folded `search_text` column (xaso.core.text.fold: lower case,
no diacritics, đ → d), and the query is folded the same way, so "khai sinh" finds "Khai sinh"
with no database extension (PostgreSQL's unaccent needs a superuser; this needs nothing).

- SQLite: an FTS5 table with external content (the registry table itself), kept by triggers.
- PostgreSQL: a GIN index over a stored to_tsvector('simple', …) of the text with every run
  of non-alphanumerics turned into a space, so "15/tb-ubnd" indexes as the words 15, tb, ubnd,
  as FTS5's tokenizer does (the 'simple' parser alone keeps "15/tb-ubnd" as one file token).

A query matches the documents holding every word of it, the last one as a prefix ("bao l"
finds "bão lũ lụt"); results come newest first by id (ids are handed out in creation order).
Django rebuilds an SQLite table (and drops its triggers) when some columns change, so `ensure`
runs after every migrate and puts back whatever is missing.
"""

import re

from django.db.models import BooleanField, F, Max, Min
from django.db.models.expressions import RawSQL

from xaso.core.text import fold

TABLE = "documents_registereddocument"
FTS = "documents_registry_search"
MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
# The SQL is spelled out (no string building): the names are fixed and ruff's S608 stays useful.
LEGACY_REMOVE = [  # the first index (search_text alone, no commune), replaced by FTS below
    "DROP TRIGGER IF EXISTS documents_registry_fts_ai",
    "DROP TRIGGER IF EXISTS documents_registry_fts_ad",
    "DROP TRIGGER IF EXISTS documents_registry_fts_au",
    "DROP TABLE IF EXISTS documents_registry_fts",
]
# The commune's code is indexed beside the words, so the index itself answers "these words in
# these communes": a page and its count need not read a table row per match to learn its commune.
SQLITE_INSTALL = [
    *LEGACY_REMOVE,
    """CREATE VIRTUAL TABLE IF NOT EXISTS documents_registry_search USING fts5(search_text, commune_id,
        content='documents_registereddocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE TRIGGER IF NOT EXISTS documents_registry_search_ai AFTER INSERT ON documents_registereddocument
        BEGIN INSERT INTO documents_registry_search(rowid, search_text, commune_id)
        VALUES (new.id, new.search_text, new.commune_id); END""",
    """CREATE TRIGGER IF NOT EXISTS documents_registry_search_ad AFTER DELETE ON documents_registereddocument
        BEGIN INSERT INTO documents_registry_search(documents_registry_search, rowid, search_text, commune_id)
        VALUES ('delete', old.id, old.search_text, old.commune_id); END""",
    """CREATE TRIGGER IF NOT EXISTS documents_registry_search_au AFTER UPDATE OF search_text, commune_id
        ON documents_registereddocument BEGIN
        INSERT INTO documents_registry_search(documents_registry_search, rowid, search_text, commune_id)
        VALUES ('delete', old.id, old.search_text, old.commune_id);
        INSERT INTO documents_registry_search(rowid, search_text, commune_id)
        VALUES (new.id, new.search_text, new.commune_id); END""",
    "INSERT INTO documents_registry_search(documents_registry_search) VALUES ('rebuild')",
]
SQLITE_REMOVE = [
    *LEGACY_REMOVE,
    "DROP TRIGGER IF EXISTS documents_registry_search_ai",
    "DROP TRIGGER IF EXISTS documents_registry_search_ad",
    "DROP TRIGGER IF EXISTS documents_registry_search_au",
    "DROP TABLE IF EXISTS documents_registry_search",
]
# A join, not `id IN (SELECT rowid …)`: SQLite then walks the matches newest first inside the
# FTS index and stops at the page's end (under 1 ms for a word in a quarter of 100,000
# documents), where IN first lists every match (30 ms) or, misjudging, scans the commune.
SQLITE_JOIN = 'documents_registry_search.rowid = "documents_registereddocument"."id"'
SQLITE_MATCH = "documents_registry_search MATCH %s"
SQLITE_ORDER = "-documents_registry_search.rowid"
# PostgreSQL keeps the vector in a stored generated column (Django does not know it, so it
# never writes it): recomputing it while checking rows cost 0.3 ms a row, 30 s over 100,000.
PG_INSTALL = [
    """ALTER TABLE documents_registereddocument ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
        regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g'))) STORED""",
    """CREATE INDEX IF NOT EXISTS documents_registry_fts_gin ON documents_registereddocument
        USING gin (search_vector)""",
]
PG_REMOVE = [
    "DROP INDEX IF EXISTS documents_registry_fts_gin",
    "ALTER TABLE documents_registereddocument DROP COLUMN IF EXISTS search_vector",
]
PG_MATCH = '"documents_registereddocument"."search_vector" @@ to_tsquery(\'simple\'::regconfig, %s)'
# The same test in a form the GIN index cannot serve and whose selectivity PostgreSQL takes
# for one half (a CASE): it then walks the ids down, as wanted for common words.
PG_MATCH_WALKED = (
    'CASE WHEN "documents_registereddocument"."search_vector"'
    " @@ to_tsquery('simple'::regconfig, %s) THEN true ELSE false END"
)
# PostgreSQL cannot tell a word in every fourth document from one in a single document (its
# estimate for both is "some"), and the plans they need differ a thousandfold: walk the ids
# down until a page is full (common words), or fetch the few matches from the GIN index and
# sort them (rare words). A probe over the newest PG_PROBE documents decides.
PG_PROBE = 2000
PAGE = 25
# Counting stops at the page's cap; on PostgreSQL the newest COUNT_WINDOW documents are
# counted first and, past the cap or on course to pass it, the page says "more than".
COUNT_WINDOW = 2_000


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


def matching_newest_first(qs, q: str, *, connection, communes=None, counted_by_index: bool = False):
    """`qs` (of RegisteredDocument) narrowed to the documents holding every word of `q`, the
    last one as a word prefix (what is being typed), newest (highest id) first. Rules: do not
    re-order the result (on SQLite the order comes from the index); other databases than
    SQLite and PostgreSQL fall back to substring matching.

    `communes`: the codes of the communes `qs` is already limited to (None: any). On SQLite
    the index then looks only there. `counted_by_index`: `qs` holds exactly the documents of
    `communes` (no other filter), so `count_capped` may count in the index alone."""
    terms = words(q)
    if not terms:
        return qs.order_by("-id")
    # The words are letters and digits only (`words`) and go in as a parameter.
    if connection.vendor == "sqlite":
        expression, narrowed = sqlite_expression(terms, communes)
        listing = qs.extra(  # noqa: S610
            tables=[FTS], where=[SQLITE_JOIN, SQLITE_MATCH], params=[expression], order_by=[SQLITE_ORDER]
        )
        if counted_by_index and (narrowed or communes is None):
            # Read by count_capped on this very queryset; any further filter makes a clone without it.
            listing.index_count_expression = expression
        return listing
    if connection.vendor == "postgresql":
        expression = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
        indexed = qs.filter(RawSQL(PG_MATCH, [expression], output_field=BooleanField()))  # noqa: S611
        floor = _newest_floor(qs.model, PG_PROBE)
        if floor is None:
            return indexed.order_by("-id")
        walked = qs.filter(RawSQL(PG_MATCH_WALKED, [expression], output_field=BooleanField()))  # noqa: S611
        if walked.filter(id__gte=floor)[:PAGE].count() >= PAGE:
            return walked.order_by("-id")
        # "id + 0" cannot be read from the primary key's order: PostgreSQL uses the GIN index.
        return indexed.alias(newest=F("id") + 0).order_by("-newest", "-id")
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    return qs.order_by("-id")


_CODE = re.compile(r"[0-9A-Za-z_]+")
MAX_COMMUNES = 400  # a province's communes; past this the index is not narrowed by commune


def sqlite_expression(terms: list[str], communes=None) -> tuple[str, bool]:
    """The FTS5 query: every word in the text (the last as a prefix), and, when `communes` is
    given, the commune's code among them; and whether it was narrowed so. Words go first."""
    phrases = [*(f'search_text : "{t}"' for t in terms[:-1]), f'search_text : "{terms[-1]}"*']
    codes = sorted(communes) if communes is not None else []
    if codes and len(codes) <= MAX_COMMUNES and all(_CODE.fullmatch(c) for c in codes):
        phrases.append("commune_id : (" + " OR ".join(f'"{c}"' for c in codes) + ")")
        return " AND ".join(phrases), True
    return " AND ".join(phrases), False


def _newest_floor(model, offset: int) -> int | None:
    """An id about `offset` places below the newest (ids are handed out in order; deleted ones
    only make the window hold fewer documents), None in a smaller table. Read from both ends
    of the primary key: walking `offset` entries down it cost 10 ms at 10,000."""
    ids = model._base_manager.aggregate(low=Min("id"), high=Max("id"))
    if ids["high"] is None or ids["high"] - ids["low"] < offset:
        return None
    return ids["high"] - offset + 1


SQLITE_COUNT = (
    "SELECT COUNT(*) FROM (SELECT rowid FROM documents_registry_search"
    " WHERE documents_registry_search MATCH %s LIMIT %s)"
)


def count_capped(qs, cap: int, *, connection) -> tuple[int, bool]:
    """How many rows `qs` holds, up to `cap`, and whether there are (or, on PostgreSQL, are
    estimated to be) more. Rules: never counts more than cap + 1 rows."""
    expression = getattr(qs, "index_count_expression", None)
    if expression is not None and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(SQLITE_COUNT, [expression, cap + 1])
            counted = cursor.fetchone()[0]
        return min(counted, cap), counted > cap
    if connection.vendor == "postgresql":
        ids = qs.model._base_manager.aggregate(low=Min("id"), high=Max("id"))
        if ids["high"] is not None and ids["high"] - ids["low"] >= COUNT_WINDOW:
            floor = ids["high"] - COUNT_WINDOW + 1
            in_window = qs.filter(id__gte=floor)[: cap + 1].count()
            estimate = in_window * (ids["high"] - ids["low"] + 1) / COUNT_WINDOW
            if in_window > cap or estimate > cap:
                return cap, True
    counted = qs.all()[: cap + 1].count()  # all(): a listing already read would slice to a list
    return min(counted, cap), counted > cap

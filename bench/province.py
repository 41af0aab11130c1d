"""A deterministic synthetic province for the benchmarks: communes of one real province (from
`xaso places load`), villages, households (community) and a year of one-stop dossiers with their
timelines, ratings and code counters, and the communes' registries of official documents (1,000
each: 100,000 for the province), written with bulk inserts (executemany on SQLite with the journal
off, COPY on PostgreSQL) rather than ORM saves, into tables stripped of their secondary indexes
and foreign keys, which are built again once at the end.

    python -m bench.province --scale province          # builds (or reuses) the cached database
    python -m bench.province --scale tiny --database-url sqlite:////tmp/t.sqlite3 --force

The same scale and seed give the same rows, byte for byte (tests/bench checks it at a tiny
scale). The built database is cached between runs, keyed by the scale, the seed and this file,
with a manifest of the migrations it was built on (see `ensure`): var/bench/cache/<scale>-<key>/
for SQLite, a database named `<BENCH_DATABASE_URL's name>_<scale>_<key>` on PostgreSQL."""

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench" / "cache"
PROVINCE = "38"  # Thanh Hóa: 166 communes in the official list, the generator takes the first N
SEED = 2026
# The synthetic year ends on this day (the province's "today" when it was generated).
END = date(2026, 11, 30)
PASSWORD = "bench-password-2026"  # noqa: S105 (synthetic officers on a throw-away database)


@dataclass(frozen=True)
class Scale:
    communes: int
    villages_per_commune: int
    households_per_commune: int
    dossiers_per_commune: int
    documents_per_commune: int = 1_000
    officers_per_commune: int = 3
    days: int = 365


SCALES = {
    "tiny": Scale(
        communes=2,
        villages_per_commune=2,
        households_per_commune=20,
        dossiers_per_commune=200,
        documents_per_commune=30,
    ),
    "commune": Scale(
        communes=1, villages_per_commune=10, households_per_commune=5_000, dossiers_per_commune=20_000
    ),
    "province": Scale(
        communes=100, villages_per_commune=10, households_per_commune=5_000, dossiers_per_commune=20_000
    ),
}

# Procedure codes (onestop/data/procedures.json) and how often a commune receives each.
PROCEDURE_WEIGHTS = {
    "chung-thuc-ban-sao": 26,
    "dang-ky-khai-sinh": 14,
    "chung-thuc-chu-ky": 10,
    "trich-luc-ho-tich": 8,
    "xac-nhan-tinh-trang-hon-nhan": 7,
    "dang-ky-ket-hon": 5,
    "dang-ky-khai-tu": 4,
    "chung-thuc-hop-dong": 4,
    "dang-ky-tam-tru": 4,
    "dang-ky-thuong-tru-tre-em": 3,
    "cap-the-bhyt-tre-em": 3,
    "dang-ky-ho-kinh-doanh": 2,
    "xac-nhan-ho-nong-nghiep": 2,
    "tro-cap-xa-hoi-hang-thang": 1.5,
    "ho-tro-mai-tang": 1.5,
    "giay-phep-xay-dung-nha-o": 1.5,
    "xoa-dang-ky-thuong-tru": 1,
    "cai-chinh-ho-tich": 1,
    "dang-ky-lai-khai-sinh": 0.5,
    "dang-ky-nhan-cha-me-con": 0.5,
    "dang-ky-giam-ho": 0.3,
    "dang-ky-khai-sinh-nhan-cha-me-con": 0.7,
}
ONLINE_SHARE = 0.55
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thu", "Hữu", "Quang", "Thanh", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
]
# The canonical path of a dossier: the event before the current status comes from the status
# before it here (the generator writes the filing event and the latest one: a short timeline).
PATH = ["received", "assigned", "processing", "awaiting_approval", "approved", "result_ready", "delivered"]
ACTION_TO = {
    "received": "receive",
    "assigned": "assign",
    "processing": "start",
    "supplement_requested": "request_supplement",
    "awaiting_approval": "propose",
    "approved": "approve",
    "result_ready": "result_ready",
    "delivered": "deliver",
    "rejected": "reject",
    "withdrawn": "withdraw",
    "cancelled": "cancel",
}
UTC_OFFSET = timedelta(hours=7)  # Asia/Ho_Chi_Minh has no daylight saving


# --- the cache key and the database to build into ----------------------------------------
def generator_key(scale: str, seed: int = SEED) -> str:
    """Scale + seed + this generator (but for its caching section, which changes no row)."""
    source = Path(__file__).read_text()
    head, _, rest = source.partition("\n# --- the cache key and")
    digest = hashlib.sha256(f"{scale}:{seed}:{END}".encode())
    digest.update((head + rest.partition("\n# --- the rows ---")[2]).encode())
    return digest.hexdigest()[:12]


def migrations() -> dict[str, str]:
    """Every migration file and the hash of its content: the schema the build was made on."""
    return {
        path.relative_to(ROOT).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        for path in sorted(ROOT.glob("xaso/*/migrations/*.py"))
    }


def cached_database_url(scale: str, base_url: str | None) -> str:
    """Where the cached province lives: a SQLite file, or a PostgreSQL database beside base_url's."""
    key = generator_key(scale)
    if not base_url:
        # A folder per build, usable as XASO_VAR_DIR (the default SQLite settings, WAL and all).
        return f"sqlite:///{CACHE / f'{scale}-{key}' / 'xaso.sqlite3'}"
    parts = urlsplit(base_url)
    name = f"{parts.path.lstrip('/') or 'xaso_bench'}_{scale}_{key}"
    return urlunsplit(parts._replace(path="/" + name))


def var_dir(database_url: str) -> Path:
    """The SQLite build's own folder, or var/bench/postgresql."""
    if database_url.startswith("sqlite"):
        return Path(database_url.removeprefix("sqlite:///")).parent
    return ROOT / "var" / "bench" / "postgresql"


def _manifest(url: str) -> Path:
    if url.startswith("sqlite"):
        return Path(url.removeprefix("sqlite:///")).with_suffix(".json")
    return CACHE / f"{urlsplit(url).path.lstrip('/')}.json"


def _env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="xaso.settings",
        PYTHONPATH=str(ROOT),
        XASO_VAR_DIR=str(var_dir(database_url)),
        XASO_TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
    )
    return env


def _pg_admin(url: str, sql: str) -> list:
    """Run one statement on the server's `postgres` database (CREATE/DROP DATABASE, listing)."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        cursor = conn.execute(sql)
        return [r[0] for r in cursor.fetchall()] if cursor.description else []


def _migrate(env: dict) -> None:
    xaso = [sys.executable, "-m", "xaso"]
    subprocess.run([*xaso, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)


def ensure(scale: str, base_url: str | None = None, *, force: bool = False) -> str:
    """The DATABASE_URL of a built province of this scale, building it when not cached.

    The cache is keyed by scale, seed and generator; the manifest beside it names the migrations
    it was built on. Migrations added since are applied to the cached copy (as on a live
    server: an index built over 2 million rows); a migration changed or removed rebuilds."""
    url = cached_database_url(scale, base_url)
    manifest, current = _manifest(url), migrations()
    built = json.loads(manifest.read_text()) if manifest.exists() and not force else None
    if built is not None and all(current.get(name) == sha for name, sha in built["migrations"].items()):
        if built["migrations"] != current:
            started = time.perf_counter()
            _migrate(_env(url))
            print(f"province {scale}: new migrations applied in {time.perf_counter() - started:.0f} s")
            manifest.write_text(json.dumps({**built, "migrations": current}, indent=1))
        return url
    CACHE.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        for old in CACHE.glob(f"{scale}-*"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True)
    else:
        name = urlsplit(url).path.lstrip("/")
        prefix = name.rsplit("_", 1)[0] + "_"
        for old in _pg_admin(url, "SELECT datname FROM pg_database"):
            if old.startswith(prefix):
                _pg_admin(url, f'DROP DATABASE "{old}"')
        for old in CACHE.glob(f"{prefix}*.json"):
            old.unlink()
        _pg_admin(url, f'CREATE DATABASE "{name}"')
    env = _env(url)
    started = time.perf_counter()
    _migrate(env)
    subprocess.run([sys.executable, "-m", "xaso", "places", "load"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [sys.executable, "-m", "bench.province", "--generate", "--scale", scale],
        env=env,
        cwd=ROOT,
        check=True,
    )
    if not url.startswith("sqlite"):
        # Set the visibility map, so that index-only scans need not visit the table.
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM (ANALYZE)")
    seconds = round(time.perf_counter() - started)
    manifest.write_text(json.dumps({"built_in_seconds": seconds, "migrations": current}, indent=1))
    print(f"province {scale}: built in {seconds} s → {url}")
    return url


# --- the rows ------------------------------------------------------------------------------
def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _phone(rng: random.Random) -> str:
    return f"09{rng.randrange(10**8):08d}"


class Writer:
    """Bulk writes on the Django connection: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, connection):
        self.connection = connection
        self.pg = connection.vendor == "postgresql"
        connection.ensure_connection()
        self.raw = connection.connection

    def dt(self, moment: datetime) -> str:
        return moment.strftime("%Y-%m-%d %H:%M:%S+00" if self.pg else "%Y-%m-%d %H:%M:%S")

    def bool(self, value: bool):
        return value if self.pg else int(value)

    def defaults(self, table: str, columns: list[str]) -> tuple[list[str], tuple]:
        """The columns this generator does not name that cannot be left NULL (added by a later
        migration), with their model defaults, so that the rows stay valid as the schema grows."""
        from django.apps import apps

        model = next(m for m in apps.get_models() if m._meta.db_table == table)
        extra, values = [], []
        for field in model._meta.concrete_fields:
            if field.column in columns or field.null:
                continue
            if not field.has_default() or callable(field.default):
                raise RuntimeError(
                    f"{table}.{field.column}: no constant default; bench/province.py must fill it"
                )
            extra.append(field.column)
            values.append(field.get_db_prep_save(field.get_default(), self.connection))
        return extra, tuple(values)

    def write(self, table: str, columns: list[str], rows) -> int:
        extra, values = self.defaults(table, columns)
        if extra:
            columns = [*columns, *extra]
            rows = (row + values for row in rows)
        n = 0
        if self.pg:
            with (
                self.raw.cursor() as cur,
                cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
                    n += 1
            return n
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 20_000:
                self.raw.executemany(sql, batch)
                n += len(batch)
                batch = []
        self.raw.executemany(sql, batch)
        return n + len(batch)

    def drop_indexes(self, tables: list[str]) -> list[str]:
        """Drop the secondary indexes (and, on PostgreSQL, the foreign keys) of `tables` and
        return the statements that put them back: building an index once over the loaded rows
        is many times faster than keeping it up to date row by row, and PostgreSQL otherwise
        queues a deferred foreign-key check per row and runs them all at COMMIT."""
        restore = []
        if self.pg:
            with self.raw.cursor() as cur:
                # In force to the end of the build's transaction: no ALTER TABLE while checks
                # of rows written earlier are pending (here, and when `run` restores).
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for table in tables:
                    cur.execute(
                        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                        " WHERE i.indrelid = %s::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                        " WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)",
                        [table],
                    )
                    indexes = cur.fetchall()
                    cur.execute(
                        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                        " WHERE conrelid = %s::regclass AND contype = 'f'",
                        [table],
                    )
                    keys = cur.fetchall()
                    for name, _definition in keys:
                        cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                    for name, _definition in indexes:
                        cur.execute(f"DROP INDEX {name}")
                    restore += [definition for _name, definition in indexes]
                    restore += [f'ALTER TABLE {table} ADD CONSTRAINT "{n}" {d}' for n, d in keys]
            return restore
        for table in tables:
            indexes = self.raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                " AND sql IS NOT NULL",
                (table,),
            ).fetchall()
            for name, _sql in indexes:
                self.raw.execute(f'DROP INDEX "{name}"')
            restore += [sql for _name, sql in indexes]
        return restore

    def run(self, statements: list[str]) -> None:
        """Run `statements` (the ones `drop_indexes` returned), in the same transaction."""
        with self.connection.cursor() as cur:
            if self.pg:
                cur.execute("SET LOCAL maintenance_work_mem = '1GB'")
            for sql in statements:
                cur.execute(sql)

    def reset_sequence(self, table: str) -> None:
        if self.pg:
            with self.raw.cursor() as cur:
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1))"
                    f" FROM {table}"
                )


class Calendar:
    """Due dates through xaso.core.calendar, remembered per (receipt day, after 15:00, days)."""

    def __init__(self):
        from xaso.core.calendar import WorkingCalendar

        self.calendar = WorkingCalendar.load()
        self.memo: dict = {}

    def due(self, local: datetime, days: int) -> date:
        key = (local.date(), local.hour >= 15, days)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self.calendar.due_date(local.replace(tzinfo=UTC) - UTC_OFFSET, days)
        return found

    def working(self, day: date) -> bool:
        key = ("w", day)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self.calendar.is_working_day(day)
        return found


def _day_counts(total: int, days: list[date], cal: Calendar) -> list[int]:
    """Spread `total` filings over the days: working days full, other days a little (online)."""
    weights = [1.0 if cal.working(d) else 0.08 for d in days]
    scale = total / sum(weights)
    counts, carried = [], 0.0
    for w in weights:
        carried += w * scale
        n = int(carried)
        carried -= n
        counts.append(n)
    counts[-1] += total - sum(counts)
    return counts


def _outcome(rng: random.Random, received: datetime, due: date, days: int, channel: str):
    """(status, finished_at utc or None, paused_on) for a dossier received at `received` (local)."""
    now = datetime.combine(END, datetime.min.time()) + timedelta(hours=17)
    roll = rng.random()
    if roll < 0.02:
        return "withdrawn", None, None
    if roll < 0.03:
        return "cancelled", None, None
    # Working time it takes: mostly within the legal days, some late.
    span_days = max(days, 1)
    finish_local = datetime.combine(due, datetime.min.time()) + timedelta(hours=rng.randint(8, 16))
    if rng.random() < 0.9:
        finish_local -= timedelta(days=rng.randint(0, span_days))
    else:
        finish_local += timedelta(days=rng.randint(1, 6))
    finish_local = max(finish_local, received + timedelta(minutes=rng.randint(20, 240)))
    if finish_local <= now:
        roll = rng.random()
        status = "delivered" if roll < 0.93 else ("rejected" if roll < 0.97 else "result_ready")
        if status == "result_ready" and (now - finish_local).days > 20:
            status = "delivered"
        return status, finish_local - UTC_OFFSET, None
    # Still open: how far along the way it is.
    elapsed = (now - received) / max(finish_local - received, timedelta(minutes=1))
    if rng.random() < 0.06:
        return "supplement_requested", None, (received + (now - received) / 2).date()
    if elapsed < 0.15:
        return ("submitted" if channel == "online" else "received"), None, None
    step = PATH[1 + min(int(elapsed * 5), 4)]  # assigned … result_ready
    return step, None, None


def _dossier(
    rng,
    ids,
    w,
    cal,
    code,
    day,
    seq,
    minute,
    working,
    villages,
    staff,
    codes,
    weights,
    procedures,
    events,
    ratings,
) -> tuple:
    """One dossier row; its filing event, latest event and rating go to `events` and `ratings`."""
    from xaso.core.text import fold_all

    ids["dossier"] += 1
    pk = ids["dossier"]
    proc_id, proc_days = procedures[rng.choices(codes, weights)[0]]
    channel = "online" if (not working or rng.random() < ONLINE_SHARE) else "counter"
    local = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute, seconds=rng.randrange(60))
    received = local - UTC_OFFSET
    due = cal.due(local, proc_days)
    status, finished, paused = _outcome(rng, local, due, proc_days, channel)
    name, phone = _name(rng), _phone(rng)
    dcode = f"{code}-{day:%y%m%d}-{seq:04d}"
    token = f"{rng.getrandbits(128):032x}"[:22]
    assignee = staff[1 + rng.randrange(len(staff) - 1)] if status not in ("submitted", "received") else None
    receiver = staff[0] if channel == "counter" else None
    first = "submitted" if channel == "online" else "received"
    if finished:
        last_local = finished + UTC_OFFSET
    else:
        now = datetime.combine(END, datetime.min.time()) + timedelta(hours=17)
        last_local = min(local + (now - local) / 2, local + timedelta(days=3))
    ids["event"] += 1
    action = "submit" if first == "submitted" else "receive"
    events.append((ids["event"], w.dt(received), action, "draft", first, receiver, "", "", "{}", pk))
    if status != first:
        before = PATH[PATH.index(status) - 1] if status in PATH[1:] else "processing"
        if status in ("withdrawn", "cancelled"):
            before = first
        ids["event"] += 1
        actor = assignee or staff[0]
        at = w.dt(last_local - UTC_OFFSET)
        events.append((ids["event"], at, ACTION_TO[status], before, status, actor, "", "", "{}", pk))
    if status == "delivered" and rng.random() < 0.25:
        ids["rating"] += 1
        level = rng.choices([4, 3, 2, 1], [50, 35, 10, 5])[0]
        ratings.append((ids["rating"], pk, level, "", w.dt(finished + timedelta(days=1))))
    t_received = w.dt(received)
    return (
        pk,
        dcode,
        token,
        code,
        proc_id,
        status,
        channel,
        None,
        None,
        name,
        phone,
        villages[rng.randrange(len(villages))],
        "{}",
        t_received,
        due.isoformat(),
        due.isoformat(),
        paused.isoformat() if paused else None,
        w.dt(finished) if finished else None,
        assignee,
        receiver,
        None,
        None,
        None,
        None,
        "",
        "",
        fold_all(dcode, name, phone),
        t_received,
        w.dt(last_local - UTC_OFFSET),
    )


TOPICS = [
    "phòng chống bão lũ",
    "tiêm chủng mở rộng",
    "chuyển đổi số cấp xã",
    "rà soát hộ nghèo",
    "bầu cử đại biểu",
    "xây dựng nông thôn mới",
    "an toàn thực phẩm",
    "phòng cháy chữa cháy",
    "thu thuế sử dụng đất",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "chi trả trợ cấp xã hội",
    "tổng điều tra dân số",
]
SENDERS = ["UBND tỉnh Thanh Hóa", "Sở Nội vụ", "Sở Y tế", "Sở Tài chính", "Công an tỉnh", "Sở Nông nghiệp"]
KINDS = ["CV", "QĐ", "TB", "KH", "BC"]
DOCUMENT_COLUMNS = [
    "id",
    "commune_id",
    "direction",
    "status",
    "kind",
    "title",
    "number_symbol",
    "sender",
    "recipients",
    "body",
    "document_date",
    "registered_at",
    "handler_id",
    "deadline",
    "file",
    "text",
    "search_text",
    "created_by_id",
    "created_at",
    "updated_at",
]


def _documents(w, communes, officers, scale, seed):
    """The registry of each commune: incoming documents from the province (most registered and
    handled), outgoing ones of its own, spread over the year in id (= creation) order."""
    from xaso.core.text import fold_all

    did = 0
    start = datetime.combine(END, datetime.min.time()) - timedelta(days=scale.days)
    for code, commune_name in communes:
        rng = random.Random(f"{seed}:documents:{code}")
        for i in range(scale.documents_per_commune):
            did += 1
            topic, sender, kind = rng.choice(TOPICS), rng.choice(SENDERS), rng.choice(KINDS)
            outgoing = rng.random() < 0.3
            created = start + timedelta(minutes=(i * scale.days * 24 * 60) // scale.documents_per_commune)
            created_utc = created - UTC_OFFSET
            if outgoing:
                sender = commune_name
                status = rng.choice(["draft", "review", "signed", "issued", "issued", "distributed"])
            else:
                status = rng.choice(["registered", "assigned", "handling", "done", "done", "done"])
            title = f"{kind} về việc {topic} năm {created.year}"
            number = f"{rng.randrange(1, 900)}/{kind}-UBND"
            text = (
                f"Thực hiện chỉ đạo của {sender} về {topic}, đề nghị các thôn phối hợp triển khai. "
                f"Mã tham chiếu HS{did:07d}. {rng.choice(TOPICS)}. {rng.choice(TOPICS)}."
            )
            handler = officers[code][1] if status in ("assigned", "handling", "done") else None
            yield (
                did,
                code,
                "out" if outgoing else "in",
                status,
                kind,
                title,
                number,
                sender,
                "[]",
                "",
                created.date().isoformat(),
                None if outgoing else w.dt(created_utc),
                handler,
                (created.date() + timedelta(days=10)).isoformat() if handler else None,
                "",
                text,
                fold_all(title, number, sender, text),
                officers[code][0],
                w.dt(created_utc),
                w.dt(created_utc),
            )


def generate(scale_name: str, *, seed: int = SEED, out=print) -> dict[str, int]:
    """Fill the (migrated, places-loaded) default database with the synthetic province."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from xaso.core.text import fold_all

    scale = SCALES[scale_name]
    w = Writer(connection)
    cal = Calendar()
    # A build writes once into a throw-away file: no journal, no fsync, a big page cache.
    tune = not w.pg and not connection.in_atomic_block
    if tune:
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-2000000", "foreign_keys=OFF"):
            w.raw.execute(f"PRAGMA {pragma}")
    started = time.perf_counter()
    counts: dict[str, int] = {}
    with connection.cursor() as cur:
        cur.execute(
            "SELECT code, name FROM places_commune WHERE province_id = %s ORDER BY code LIMIT %s",
            [PROVINCE, scale.communes],
        )
        communes = cur.fetchall()
        cur.execute("SELECT code, id, processing_days FROM onestop_procedure")
        procedures = {code: (pk, days) for code, pk, days in cur.fetchall()}
    if len(communes) < scale.communes:
        raise RuntimeError(f"province {PROVINCE} has {len(communes)} communes: run `xaso places load` first")
    codes = [c for c in PROCEDURE_WEIGHTS if c in procedures]
    weights = [PROCEDURE_WEIGHTS[c] for c in codes]
    created = datetime(END.year - 1, END.month, 1, 1, 0, tzinfo=UTC)
    t_created = w.dt(created)
    with transaction.atomic():
        # Villages, officers (3 per commune, the first a one-stop officer) and a province supervisor.
        village_ids: dict[str, list[int]] = {}
        rows, vid = [], 0
        for code, _commune_name in communes:
            village_ids[code] = []
            for k in range(scale.villages_per_commune):
                vid += 1
                village_ids[code].append(vid)
                rows.append(
                    (vid, code, f"Thôn {k + 1}", "thon", "", "", f"thon {k + 1}", t_created, t_created)
                )
        counts["villages"] = w.write(
            "places_village",
            [
                "id",
                "commune_id",
                "name",
                "kind",
                "head_name",
                "head_phone",
                "search_text",
                "created_at",
                "updated_at",
            ],
            rows,
        )
        password = make_password(PASSWORD, salt="xasobenchsalt")
        users, members, officers = [], [], {}
        uid = 0
        roles = ["one_stop_officer", "specialist", "commune_leader"]
        for code, _commune_name in communes:
            officers[code] = []
            for k in range(scale.officers_per_commune):
                uid += 1
                officers[code].append(uid)
                users.append(
                    (
                        uid,
                        password,
                        None,
                        w.bool(False),
                        f"bench-{code}-{k}",
                        f"Cán bộ {code} {k}",
                        None,
                        None,
                        w.bool(True),
                        w.bool(False),
                        t_created,
                    )
                )
                members.append((uid, uid, roles[k % len(roles)], code, None, None, w.bool(True), t_created))
        uid += 1
        users.append(
            (
                uid,
                password,
                None,
                w.bool(False),
                "bench-province",
                "Giám sát tỉnh",
                None,
                None,
                w.bool(True),
                w.bool(False),
                t_created,
            )
        )
        members.append((uid, uid, "province_supervisor", None, PROVINCE, None, w.bool(True), t_created))
        user_cols = [
            "id",
            "password",
            "last_login",
            "is_superuser",
            "username",
            "full_name",
            "phone",
            "email",
            "is_active",
            "is_staff",
            "date_joined",
        ]
        counts["users"] = w.write("accounts_user", user_cols, users)
        w.write(
            "accounts_membership",
            ["id", "user_id", "role", "commune_id", "province_id", "village_id", "is_active", "created_at"],
            members,
        )

        big = [
            "community_household",
            "onestop_dossier",
            "onestop_dossierevent",
            "onestop_rating",
            "documents_registereddocument",
        ]
        restore = w.drop_indexes(big)

        def households():
            hid = 0
            for code, commune_name in communes:
                rng = random.Random(f"{seed}:households:{code}")
                villages = village_ids[code]
                for i in range(scale.households_per_commune):
                    hid += 1
                    name, phone = _name(rng), _phone(rng)
                    hcode = f"HK{code}{i:05d}"
                    v = i % len(villages)
                    yield (
                        hid,
                        code,
                        villages[v],
                        hcode,
                        f"Thôn {v + 1}, {commune_name}",
                        name,
                        name,
                        phone,
                        "",
                        "",
                        None,
                        w.bool(False),
                        w.bool(False),
                        w.bool(False),
                        fold_all(hcode, name, phone),
                        t_created,
                        t_created,
                    )

        counts["households"] = w.write(
            "community_household",
            [
                "id",
                "commune_id",
                "village_id",
                "code",
                "address",
                "head_name",
                "contact_name",
                "contact_phone",
                "contact_email",
                "contact_zalo_id",
                "contact_user_id",
                "public_name",
                "public_address",
                "public_phone",
                "search_text",
                "created_at",
                "updated_at",
            ],
            households(),
        )
        out(f"  villages, officers, households: {time.perf_counter() - started:.0f} s")

        # Dossiers, their events, ratings and the code counters, commune by commune.
        days = [END - timedelta(days=scale.days - 1 - i) for i in range(scale.days)]
        ids = {"dossier": 0, "event": 0, "rating": 0, "counter": 0}
        dossier_cols = [
            "id",
            "code",
            "token",
            "commune_id",
            "procedure_id",
            "status",
            "channel",
            "citizen_id",
            "profile_id",
            "applicant_name",
            "applicant_phone",
            "village_id",
            "data",
            "received_at",
            "due_date",
            "original_due_date",
            "paused_on",
            "finished_at",
            "assignee_id",
            "received_by_id",
            "group_id",
            "parent_id",
            "late_flagged_on",
            "apology_date",
            "apology_reason",
            "result_note",
            "search_text",
            "created_at",
            "updated_at",
        ]
        event_cols = [
            "id",
            "at",
            "action",
            "from_status",
            "to_status",
            "actor_id",
            "actor_label",
            "note",
            "data",
            "dossier_id",
        ]
        for key in ("dossiers", "events", "ratings"):
            counts[key] = 0
        for code, _commune_name in communes:
            rows, events, ratings, counters = [], [], [], []
            rng = random.Random(f"{seed}:dossiers:{code}")
            for day, n in zip(days, _day_counts(scale.dossiers_per_commune, days, cal), strict=True):
                if n == 0:
                    continue
                working = cal.working(day)
                minutes = sorted(
                    rng.randrange(7 * 60 + 30, 17 * 60) if working else rng.randrange(6 * 60, 23 * 60)
                    for _ in range(n)
                )  # noqa: E501
                ids["counter"] += 1
                counters.append((ids["counter"], code, day.isoformat(), n))
                for seq, minute in enumerate(minutes, 1):
                    rows.append(
                        _dossier(
                            rng,
                            ids,
                            w,
                            cal,
                            code,
                            day,
                            seq,
                            minute,
                            working,
                            village_ids[code],
                            officers[code],
                            codes,
                            weights,
                            procedures,
                            events,
                            ratings,
                        )
                    )
            counts["dossiers"] += w.write("onestop_dossier", dossier_cols, rows)
            counts["events"] += w.write("onestop_dossierevent", event_cols, events)
            counts["ratings"] += w.write(
                "onestop_rating", ["id", "dossier_id", "level", "comment", "created_at"], ratings
            )
            w.write("onestop_dossiercounter", ["id", "commune_id", "day", "last"], counters)
        out(f"  dossiers, events, ratings: {time.perf_counter() - started:.0f} s")
        counts["documents"] = w.write(
            "documents_registereddocument", DOCUMENT_COLUMNS, _documents(w, communes, officers, scale, seed)
        )
        out(f"  documents: {time.perf_counter() - started:.0f} s")
        w.run(restore)
        out(f"  indexes and foreign keys rebuilt: {time.perf_counter() - started:.0f} s")
        for table in (
            "places_village",
            "accounts_user",
            "accounts_membership",
            "community_household",
            "onestop_dossier",
            "onestop_dossierevent",
            "onestop_rating",
            "onestop_dossiercounter",
            "documents_registereddocument",
        ):
            w.reset_sequence(table)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    if tune:
        w.raw.execute("PRAGMA journal_mode=WAL")
    out(
        f"  analysed: {time.perf_counter() - started:.0f} s; "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
    )
    return counts


def digest(
    tables=(
        "places_village",
        "accounts_user",
        "accounts_membership",
        "community_household",
        "onestop_dossier",
        "onestop_dossierevent",
        "onestop_rating",
        "onestop_dossiercounter",
        "documents_registereddocument",
    ),
) -> str:
    """A hash of the generated tables' contents, ordered by id: equal builds give equal digests."""
    from django.db import connection

    h = hashlib.sha256()
    with connection.cursor() as cur:
        for table in tables:
            cur.execute(f"SELECT * FROM {table} ORDER BY id")  # noqa: S608 (fixed table names)
            for row in cur.fetchall():
                h.update(repr(row).encode())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.province", description=__doc__)
    parser.add_argument("--scale", default="province", choices=sorted(SCALES))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--force", action="store_true", help="rebuild even when cached")
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--digest", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate or args.digest:
        import django

        django.setup()
        if args.generate:
            generate(args.scale)
        if args.digest:
            print(digest())
        return 0
    print(ensure(args.scale, args.database_url, force=args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())

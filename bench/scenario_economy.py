# ruff: noqa: E501  (the figures' sentences and the seeding scripts read better unbroken)
"""Benchmarks of the economy and payments apps (issue 7):

    make bench BENCH_ARGS=economy_stamps      # 100,000 stamp serials, then their sheet PDFs
    make bench BENCH_ARGS=payments_reconcile  # a 50,000-line statement against 2,000,000 requests
    make bench BENCH_ARGS=economy_trace       # the public trace page under wrk

Each runs on a fresh SQLite database under var/bench/economy (or BENCH_DATABASE_URL) and records
its figures in docs/benchmarks.md. Sizes can be lowered with BENCH_STAMPS, BENCH_SHEET_PAGES,
BENCH_REQUESTS and BENCH_LINES for a quick run.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.harness import (
    ROOT,
    TABLE_HEAD,
    bench_env,
    commit,
    databases,
    load_note,
    machine,
    record,
    serve,
    wrk,
    xaso,
)
from bench.registry import scenario

STAMPS = int(os.environ.get("BENCH_STAMPS", "100000"))
SHEET_PAGES = int(os.environ.get("BENCH_SHEET_PAGES", "120"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000000"))
LINES = int(os.environ.get("BENCH_LINES", "50000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))

SETUP = """
from datetime import date
from tests import factories as f
from xaso.economy.services import batch_create, producer_save, product_save
from xaso.payments.services import collection_account_set
province = f.province("38", "Thanh Hóa")
commune = f.commune("15469", "Xã Yên Định", province)
specialist = f.staff("specialist", commune_obj=commune, username="bench_specialist")
leader = f.staff("commune_leader", commune_obj=commune, username="bench_leader")
f.staff("one_stop_officer", commune_obj=commune, username="bench_cashier")
producer = producer_save(actor=specialist, commune=commune, data={"name": "HTX Định Tân", "kind": "cooperative"})
product = product_save(actor=specialist, producer=producer, data={"name": "Chè lam Phủ Quảng", "category": "food",
                       "ocop_stars": 4, "ocop_certificate": "OCOP-38-017"})
batch_create(actor=specialist, product=product, data={"code": "BENCH", "produced_on": date(2026, 11, 1),
             "quantity": %(stamps)d})
collection_account_set(actor=leader, commune=commune, bank_bin="970405", account_number="3600205123456",
                       account_name="UBND XA YEN DINH")
"""

STAMPS_RUN = """
import time
from xaso.accounts.models import User
from xaso.economy.models import Batch
from xaso.economy.printing import SHEET_MAX_LABELS, LABELS_PER_PAGE, stamp_sheet_pdf
from xaso.economy.services import stamps_generate
batch = Batch.objects.get(code="BENCH")
actor = User.objects.get(username="bench_specialist")
t = time.perf_counter()
n = stamps_generate(actor=actor, batch=batch)
gen = time.perf_counter() - t
pages_wanted = %(pages)d
t = time.perf_counter()
pages = 0
start = 0
while pages < pages_wanted:
    count = min(SHEET_MAX_LABELS, (pages_wanted - pages) * LABELS_PER_PAGE)
    pdf = stamp_sheet_pdf(batch, start=start, count=count)
    pages += -(-count // LABELS_PER_PAGE)
    start += count
pdf_s = time.perf_counter() - t
print(f"RESULT {n} {gen:.3f} {pages} {pdf_s:.3f}")
"""

# Seeding 2,000,000 requests through the ORM took 11 minutes; this writes them raw, sorted by
# payment code so that every index grows at its end, with COPY on PostgreSQL and one prepared
# INSERT run many times on SQLite (journal off for the seeding only: it is throw-away data).
SEED_REQUESTS = """
import random
import time
from datetime import datetime, timezone
from django.db import connection, transaction
from xaso.payments.models import CollectionAccount, PaymentRequest
from xaso.payments.references import ALPHABET, PREFIX, _check
account = CollectionAccount.objects.get()
t = time.perf_counter()
# Valid payment codes drawn from a seeded generator: reference_new() asks the OS for every
# symbol (secrets), which alone took minutes for two million codes.
rng = random.Random(2026)
refs = set()
while len(refs) < %(requests)d:
    bits = rng.getrandbits(35)
    body = "".join(ALPHABET[(bits >> (5 * k)) & 31] for k in range(7))
    refs.add(PREFIX + body + _check(body))
refs = sorted(refs)
now = datetime(2026, 11, 20, tzinfo=timezone.utc)
columns = ("commune_id", "account_id", "kind", "subject_id", "label", "amount", "reference", "note", "payload",
           "status", "amount_received", "payer_name", "created_at", "search_text")
def rows():
    for i, ref in enumerate(refs):
        yield ("15469", account.pk, "bench.fee", f"{i:07d}", "Le phi", 50000, ref, ref, "-", "open", 0, "", now, "")
table = PaymentRequest._meta.db_table
if connection.vendor == "postgresql":
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows():
                copy.write_row(row)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table}")
else:
    stamp = "2026-11-20 00:00:00"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%%s'] * len(columns))})"
    batch = []
    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows():
            batch.append(row[:-2] + (stamp, ""))
            if len(batch) == 50000:
                cursor.executemany(sql, batch)
                batch = []
        cursor.executemany(sql, batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(f"RESULT {time.perf_counter() - t:.1f} {PaymentRequest.objects.count()}")
"""

RECONCILE_RUN = """
import csv, io, random, time
from xaso.accounts.models import User
from xaso.payments.models import CollectionAccount, PaymentRequest, RequestStatus
from xaso.payments.services import statement_import
account = CollectionAccount.objects.get()
cashier = User.objects.get(username="bench_cashier")
refs = list(PaymentRequest.objects.order_by("pk").values_list("reference", flat=True))
rng = random.Random(7)
chosen = rng.sample(refs, %(lines)d)
buf = io.StringIO()
w = csv.writer(buf)
w.writerow(["Số tham chiếu", "Ngày giao dịch", "Số tiền ghi có", "Nội dung"])
for i, ref in enumerate(chosen):
    kind = i %% 10
    amount = 50000 if kind < 7 else (20000 if kind == 7 else 60000)
    note = f"MBVCB.{i}.{ref} Le phi" if kind != 9 else f"chuyen tien {i}"
    w.writerow([f"FT{i:08d}", "23/11/2026", amount, note])
content = buf.getvalue().encode("utf-8-sig")
t = time.perf_counter()
st = statement_import(actor=cashier, account=account, filename="bench.csv", content=content)
first = time.perf_counter() - t
t = time.perf_counter()
again = statement_import(actor=cashier, account=account, filename="bench.csv", content=content)
second = time.perf_counter() - t
paid = PaymentRequest.objects.filter(status__in=[RequestStatus.PAID, RequestStatus.OVERPAID]).count()
print(f"RESULT {st.lines_new} {first:.2f} {again.lines_known} {second:.2f} {paid}")
"""


CACHE = ROOT / "var" / "bench" / "cache"


def _pg_admin(url: str):
    """A connection to the server's maintenance database, to drop and create bench databases."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def _pg_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _pg_recreate(url: str, *, template: str | None = None) -> None:
    name = _pg_name(url)
    with _pg_admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def _prepare(label: str, url: str | None, stamps: int, *, var_name: str = "") -> dict:
    var_dir = Path(ROOT / "var" / "bench" / (var_name or f"economy-{label.lower()}"))
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    env = bench_env(url, var_dir)
    env["XASO_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    if url:
        _pg_recreate(url)
    xaso(env, "migrate", "--noinput", "-v", "0")
    _shell(env, SETUP % {"stamps": stamps})
    return env


# The payments migrations that shape the seeded rows (their tables and columns). Later ones are
# applied to the restored copy by `migrate`, like other apps' migrations: 0002 only drops indexes.
# Add a migration here when it changes a column SEED_REQUESTS writes, so that the cache is seeded
# again. (__init__.py is there because the key always hashed it: caches seeded before keep
# their name.)
SEEDED_SCHEMA = ("0001_initial.py", "__init__.py")


def _schema_key() -> str:
    """Changes whenever a migration that shapes the seeded rows is edited (SEEDED_SCHEMA)."""
    digest = hashlib.sha256()
    for name in SEEDED_SCHEMA:
        path = ROOT / "xaso" / "payments" / "migrations" / name
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:10]


def _seeded_note(seconds_file: Path) -> str:
    seconds = seconds_file.read_text().strip() if seconds_file.exists() else "?"
    return f"seeded raw in {seconds} s, then cached for later runs"


def _prepare_seeded(label: str, url: str | None) -> tuple[dict, str]:
    """A database holding REQUESTS open requests, seeded once and cached between runs (a file copy
    on SQLite, a template database on PostgreSQL). Returns the environment and the seeding time
    (or "cached")."""
    key = f"reconcile-{REQUESTS}-{_schema_key()}"
    var_dir = ROOT / "var" / "bench" / f"reconcile-{label.lower()}"
    if url:
        template = f"{_pg_name(url)}_{key.replace('-', '_')}"
        with _pg_admin(url) as admin:
            cached = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        seconds_file = CACHE / f"{template}.seconds"
        if not cached:
            parts = urlsplit(url)
            seed_url = urlunsplit(parts._replace(path=f"/{template}"))
            env = _prepare(label, seed_url, 1, var_name=f"reconcile-{label.lower()}")
            seconds = _shell(env, SEED_REQUESTS % {"requests": REQUESTS}).split()[1]
            CACHE.mkdir(parents=True, exist_ok=True)
            seconds_file.write_text(seconds)
        seeded = _seeded_note(seconds_file)
        shutil.rmtree(var_dir, ignore_errors=True)
        var_dir.mkdir(parents=True)
        env = bench_env(url, var_dir)
        env["XASO_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
        _pg_recreate(url, template=template)
        xaso(env, "migrate", "--noinput", "-v", "0")
        return env, seeded
    cached_file = CACHE / f"{key}.sqlite3"
    if not cached_file.exists():
        env = _prepare(label, None, 1, var_name=f"reconcile-{label.lower()}")
        seconds = _shell(env, SEED_REQUESTS % {"requests": REQUESTS}).split()[1]
        CACHE.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(var_dir / "xaso.sqlite3", cached_file)
        cached_file.with_suffix(".seconds").write_text(seconds)
    seeded = _seeded_note(cached_file.with_suffix(".seconds"))
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    shutil.copyfile(cached_file, var_dir / "xaso.sqlite3")
    env = bench_env(None, var_dir)
    env["XASO_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    xaso(env, "migrate", "--noinput", "-v", "0")
    return env, seeded


def _shell(env: dict, code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "xaso", "shell", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return next((line for line in out.splitlines() if line.startswith("RESULT ")), "")


@scenario("economy_stamps")
def economy_stamps() -> None:
    for label, url in databases():
        env = _prepare(label, url, STAMPS)
        _, n, gen, pages, pdf_s = _shell(env, STAMPS_RUN % {"pages": SHEET_PAGES}).split()
        n, gen, pages, pdf_s = int(n), float(gen), int(pages), float(pdf_s)
        body = "\n".join(
            [
                f"## Traceability stamps — {label}",
                f"Machine: {machine()}. Commit {commit()}, {load_note()}. Command: `make bench BENCH_ARGS=economy_stamps`"
                + (" (with `BENCH_DATABASE_URL=postgres://…`)." if url else "."),
                "",
                f"- {n:,} serials issued (random 80-bit, unique index) in {gen:.2f} s: **{n / gen:,.0f} serials/s**.",
                f"- {pages} A4 sheet pages (65 QR labels each, drawn with Pillow at 300 dpi, 1 bit, written as PDF) "
                f"in {pdf_s:.1f} s: **{pages / pdf_s:.1f} pages/s** ({pages * 65 / pdf_s:,.0f} labels/s); the "
                f"{-(-n // 65):,} pages for all {n:,} stamps would take about {(-(-n // 65)) / (pages / pdf_s) / 60:.0f} min "
                "(sheets are downloaded 40 pages a file). Most of the time is segno choosing the QR mask "
                "(8 masks scored in pure Python per code).",
            ]
        )
        record(f"economy-stamps-{label.lower()}", body)
        print(body)


@scenario("payments_reconcile")
def payments_reconcile() -> None:
    for label, url in databases():
        env, seeded = _prepare_seeded(label, url)
        result = _shell(env, RECONCILE_RUN % {"lines": LINES}).split()
        _, new, first, known, second, paid = result
        body = "\n".join(
            [
                f"## Reconciliation — {label}",
                f"Machine: {machine()}. Commit {commit()}, {load_note()}. Command: `make bench BENCH_ARGS=payments_reconcile`"
                + (" (with `BENCH_DATABASE_URL=postgres://…`)." if url else "."),
                "",
                f"- {REQUESTS:,} open payment requests ({seeded}); a {LINES:,}-line CSV "
                "statement (70 % exact, 10 % partial, 10 % over, 10 % without a code).",
                f"- Import and reconcile: {int(new):,} new lines in **{float(first):.2f} s** "
                f"(target ≤ 10 s{'' if float(first) <= 10 else ', not met'}); {int(paid):,} requests settled.",
                f"- Re-import of the same file: {int(known):,} lines recognised, nothing changed, {float(second):.2f} s.",
            ]
        )
        record(f"payments-reconcile-{label.lower()}", body)
        print(body)


@scenario("economy_trace")
def economy_trace() -> None:
    for label, url in databases():
        env = _prepare(label, url, 10)
        # One client address scanning thousands of times a second: bench/settings.py raises the
        # page's rate limit (the counting itself still runs on every request).
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        _shell(env, STAMPS_RUN % {"pages": 1})
        serial = _shell(
            env,
            "from xaso.economy.models import Stamp\nprint('RESULT', Stamp.objects.order_by('pk').first().serial)",
        ).split()[1]
        xaso(env, "collectstatic", "--noinput", "-v", "0")
        with serve(env) as base:
            static = wrk(f"{base}/static/xaso/favicon.svg", seconds=SECONDS)
            constant = wrk(f"{base}/_bench/json", seconds=SECONDS)
            raw = wrk(f"{base}/_bench/sql/stamp_by_serial?p={serial}", seconds=SECONDS)
            trace = wrk(f"{base}/truy-xuat/{serial}/", seconds=SECONDS)
        counts = _shell(
            env,
            "from xaso.economy.models import Stamp, StampScan\n"
            f"s = Stamp.objects.get(serial='{serial}')\n"
            "print('RESULT', s.scan_count, StampScan.objects.count(), s.places, s.flagged_at is not None)",
        ).split()
        met = "" if trace.rps >= 1000 else ", not met"
        body = "\n".join(
            [
                f"## Public traceability page — {label}",
                f"Machine: {machine()}. Commit {commit()}, {load_note()}. 32 connections, {SECONDS} s each, "
                "granian 2 workers × 2 threads, one serial for the whole run (the worst case: every scan "
                "lands on one stamp row). Command: `make bench BENCH_ARGS=economy_trace`"
                + (" (with `BENCH_DATABASE_URL=postgres://…`)." if url else "."),
                "The page writes nothing and renders no template per scan: a visitor without a session gets "
                "a shell rendered once a minute per process, batch and language, filled with the serial, the "
                "counts, the path and the CSRF token (xaso/economy/trace_page.py); the stamp row is read at "
                "most once a second per process while scans are batched (the counts lag other processes by "
                "that second anyway); scans are queued in the process and written in batches of up to 500 or "
                "every second, each batch one transaction (xaso/economy/scans.py).",
                "",
                TABLE_HEAD,
                static.row("ceiling: static file"),
                constant.row("ceiling: constant JSON view"),
                raw.row("ceiling: raw SQL, the stamp by serial", constant),
                trace.row(f"GET /truy-xuat/{{serial}}/ (target ≥ 1,000/s{met})", constant),
                "",
                f"After the run the stamp counted {int(counts[1]):,} scans ({int(counts[2]):,} StampScan rows, "
                f"{counts[3]} place), flagged as a possible clone: {counts[4] == 'True'}.",
            ]
        )
        record(f"economy-trace-{label.lower()}", body)
        print(body)

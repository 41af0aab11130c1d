# ruff: noqa: E501  (the figures' sentences and the seeding scripts read better unbroken)
"""Benchmarks of the economy and payments apps (issue 7):

    make bench BENCH_ARGS=economy_stamps      # 100,000 stamp serials, then their sheet PDFs
    make bench BENCH_ARGS=payments_reconcile  # a 50,000-line statement against 2,000,000 requests
    make bench BENCH_ARGS=economy_trace       # the public trace page under wrk

Each runs on a fresh SQLite database under var/bench/economy (or BENCH_DATABASE_URL) and records
its figures in docs/benchmarks.md. Sizes can be lowered with BENCH_STAMPS, BENCH_SHEET_PAGES,
BENCH_REQUESTS and BENCH_LINES for a quick run.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.harness import ROOT, TABLE_HEAD, bench_env, commit, machine, record, serve, wrk, xaso
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

RECONCILE_RUN = """
import csv, io, random, time
from xaso.accounts.models import User
from xaso.payments.models import CollectionAccount, PaymentRequest, RequestStatus
from xaso.payments.references import reference_new
from xaso.payments.services import statement_import
account = CollectionAccount.objects.get()
cashier = User.objects.get(username="bench_cashier")
t = time.perf_counter()
refs = set()
while len(refs) < %(requests)d:
    refs.add(reference_new())
refs = list(refs)
batch = []
for i, ref in enumerate(refs):
    batch.append(PaymentRequest(commune_id="15469", account=account, kind="bench.fee", subject_id=str(i),
                 label="Le phi", amount=50000, reference=ref, note=ref, payload="-"))
    if len(batch) == 20000:
        PaymentRequest.objects.bulk_create(batch)
        batch = []
PaymentRequest.objects.bulk_create(batch)
seed = time.perf_counter() - t
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
print(f"RESULT {seed:.1f} {st.lines_new} {first:.2f} {again.lines_known} {second:.2f} {paid}")
"""


def _prepare(label: str, url: str | None, stamps: int) -> dict:
    var_dir = Path(ROOT / "var" / "bench" / f"economy-{label.lower()}")
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    env = bench_env(url, var_dir)
    env["XASO_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    xaso(env, "migrate", "--noinput", "-v", "0")
    _shell(env, SETUP % {"stamps": stamps})
    return env


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


def _databases() -> list[tuple[str, str | None]]:
    found = [("SQLite", None)]
    if os.environ.get("BENCH_DATABASE_URL"):
        found.append(("PostgreSQL", os.environ["BENCH_DATABASE_URL"]))
    return found


@scenario("economy_stamps")
def economy_stamps() -> None:
    for label, url in _databases():
        env = _prepare(label, url, STAMPS)
        _, n, gen, pages, pdf_s = _shell(env, STAMPS_RUN % {"pages": SHEET_PAGES}).split()
        n, gen, pages, pdf_s = int(n), float(gen), int(pages), float(pdf_s)
        body = "\n".join(
            [
                f"## Traceability stamps — {label}",
                f"Machine: {machine()}. Commit {commit()}. Command: `make bench BENCH_ARGS=economy_stamps`.",
                "",
                f"- {n:,} serials issued (random 80-bit, unique index) in {gen:.2f} s: **{n / gen:,.0f} serials/s**.",
                f"- {pages} A4 sheet pages (65 QR labels each, WeasyPrint) in {pdf_s:.1f} s: "
                f"**{pages / pdf_s:.1f} pages/s**; the {-(-n // 65):,} pages for all {n:,} stamps would take "
                f"about {(-(-n // 65)) / (pages / pdf_s) / 60:.0f} min (sheets are downloaded 40 pages a file).",
            ]
        )
        record(f"economy-stamps-{label.lower()}", body)
        print(body)


@scenario("payments_reconcile")
def payments_reconcile() -> None:
    for label, url in _databases():
        env = _prepare(label, url, 1)
        result = _shell(env, RECONCILE_RUN % {"requests": REQUESTS, "lines": LINES}).split()
        _, seed, new, first, known, second, paid = result
        body = "\n".join(
            [
                f"## Reconciliation — {label}",
                f"Machine: {machine()}. Commit {commit()}. Command: `make bench BENCH_ARGS=payments_reconcile`.",
                "",
                f"- {REQUESTS:,} open payment requests (seeded in {float(seed):.0f} s); a {LINES:,}-line CSV "
                "statement (70 % exact, 10 % partial, 10 % over, 10 % without a code).",
                f"- Import and reconcile: {int(new):,} new lines in **{float(first):.2f} s** "
                f"(target ≤ 10 s); {int(paid):,} requests settled.",
                f"- Re-import of the same file: {int(known):,} lines recognised, nothing changed, {float(second):.2f} s.",
            ]
        )
        record(f"payments-reconcile-{label.lower()}", body)
        print(body)


@scenario("economy_trace")
def economy_trace() -> None:
    for label, url in _databases():
        env = _prepare(label, url, 10)
        _shell(env, STAMPS_RUN % {"pages": 1})
        serial = _shell(
            env,
            "from xaso.economy.models import Stamp\nprint('RESULT', Stamp.objects.order_by('pk').first().serial)",
        ).split()[1]
        xaso(env, "collectstatic", "--noinput", "-v", "0")
        with serve(env) as base:
            constant = wrk(f"{base}/_bench/json", seconds=SECONDS)
            trace = wrk(f"{base}/truy-xuat/{serial}/", seconds=SECONDS)
        body = "\n".join(
            [
                f"## Public traceability page — {label}",
                f"Machine: {machine()}. Commit {commit()}. 32 connections, {SECONDS} s, granian 2 workers."
                " Command: `make bench BENCH_ARGS=economy_trace`.",
                "Every request records a scan (one INSERT, two UPDATEs) before it renders.",
                "",
                TABLE_HEAD,
                constant.row("ceiling: constant JSON view"),
                trace.row("GET /truy-xuat/{serial}/ (target ≥ 1,000/s)", constant),
            ]
        )
        record(f"economy-trace-{label.lower()}", body)
        print(body)

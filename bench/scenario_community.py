"""Benchmarks of the community app (issue: reaching every household).

    make bench BENCH_ARGS=community_import   # 100,000 household rows from xlsx: time, peak memory
    make bench BENCH_ARGS=community_fanout   # one announcement to 50,000 households: time

Each runs against a fresh SQLite database in a temporary folder (PostgreSQL when
BENCH_DATABASE_URL is set) and records its figures in docs/benchmarks.md.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import commit, machine, record
from bench.registry import scenario

ROOT = Path(__file__).resolve().parent.parent
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
FANOUT_HOUSEHOLDS = int(os.environ.get("BENCH_FANOUT_HOUSEHOLDS", "50000"))


def _env(tmp: str) -> dict:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XASO_VAR_DIR": tmp,
        "DJANGO_SETTINGS_MODULE": "xaso.settings",
    }
    env["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
    env["XASO_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    return env


def _xaso(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "xaso", *args], env=env, cwd=ROOT, check=True, **kwargs)


SETUP = """
from tests import factories as f
province = f.province("38", "Thanh Hóa")
commune = f.commune("15469", "Xã Yên Định", province)
for i in range(20):
    f.village(commune, f"Thôn {i:02d}")
f.staff("one_stop_officer", commune_obj=commune, username="bench")
"""

MAKE_XLSX = """
from openpyxl import Workbook
from xaso.community.spreadsheet import headers
wb = Workbook(write_only=True)
ws = wb.create_sheet("Households")
ws.append(headers("vi"))
for i in range({rows}):
    ws.append([f"HK-{{i:06d}}", f"Thôn {{i % 20:02d}}", f"Xóm {{i % 7}}", f"Nguyễn Văn {{i}}", 1950 + i % 60,
               f"Trần Thị {{i}} ({{1955 + i % 50}}); Nguyễn Văn Con {{i}} (2005)", "", f"09{{i:08d}}",
               f"hk{{i}}@example.vn", "", "yes", "no", "no"])
wb.save("{path}")
"""


@scenario("community_import")
def bench_import() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(tmp)
        _xaso(env, "migrate", "-v0")
        _xaso(env, "shell", "-c", SETUP)
        path = f"{tmp}/households.xlsx"
        _xaso(env, "shell", "-c", MAKE_XLSX.format(rows=IMPORT_ROWS, path=path))
        size = os.path.getsize(path)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        _xaso(env, "households_import", "15469", path, "--as", "bench", stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak, cpu = after.ru_maxrss, _cpu(after) - _cpu(before)
        start = time.perf_counter()
        _xaso(env, "households_import", "15469", path, "--as", "bench", stderr=subprocess.DEVNULL)
        again = time.perf_counter() - start
        cpu_again = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - _cpu(after)
        note = "" if peak > before.ru_maxrss else " (an earlier child set the peak)"
        load = os.getloadavg()[0]
        body = "\n".join(
            [
                "## Community: household import from xlsx",
                f"Machine: {machine()}. Commit {commit()}. Database: {_vendor(env)}.",
                "Command: `make bench BENCH_ARGS=community_import` (BENCH_IMPORT_ROWS to change the size).",
                "Measured: the `xaso households_import` process, checking every row, then saving in one"
                " transaction; wall-clock time and the CPU time the process used (user + system), which"
                f" is what a quiet machine would take. Load average at the end: {load:.1f}.",
                "",
                "| what | wall clock | CPU time | target |",
                "|---|---:|---:|---:|",
                f"| {IMPORT_ROWS:,} rows ({size / 2**20:.1f} MB xlsx, 3 residents each), first import | "
                f"{elapsed:.1f} s | {cpu:.1f} s | ≤ 60 s |",
                f"| peak memory (max RSS of the import process){note} | {peak / 1024:.0f} MB | | ≤ 400 MB |",
                f"| the same file again (every household updated) | {again:.1f} s | {cpu_again:.1f} s | — |",
            ]
        )
        record("community-import", body)
        print(body)


FANOUT = """
import time
from django.db import connection
from xaso.accounts.models import User
from xaso.community.services.announcements import announcement_create
from xaso.community.models import Household
from xaso.notify.models import OutboxMessage
from xaso.places.models import Commune, Village
from django.test.utils import override_settings
from django.urls import reverse
commune = Commune.objects.get(code="15469")
villages = list(Village.objects.filter(commune=commune))
Household.objects.bulk_create(
    [Household(commune=commune, village=villages[i % len(villages)], code=f"F-{{i:06d}}",
               head_name=f"Hộ {{i}}", contact_email=f"f{{i}}@example.vn", contact_zalo_id=f"z{{i}}")
     for i in range({n})],
    batch_size=5000,
)
officer = User.objects.get(username="bench")
reverse("community:announcements")  # a serving process has its URLconf loaded already
with override_settings(NOTIFY_ZALO_TOKEN="bench"):
    start = time.perf_counter()
    announcement_create(actor=officer, commune=commune, title="Bench", body="Fan-out benchmark")
    elapsed = time.perf_counter() - start
n_rows = OutboxMessage.objects.count()
print(f"{{Household.objects.count()}}|{{n_rows}}|{{elapsed:.2f}}|{{connection.vendor}}")
"""


@scenario("community_fanout")
def bench_fanout() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(tmp)
        _xaso(env, "migrate", "-v0")
        _xaso(env, "shell", "-c", SETUP)
        out = _xaso(env, "shell", "-c", FANOUT.format(n=FANOUT_HOUSEHOLDS), capture_output=True, text=True)
        households, rows, elapsed, vendor = out.stdout.strip().splitlines()[-1].split("|")
        body = "\n".join(
            [
                "## Community: announcement fan-out",
                f"Machine: {machine()}. Commit {commit()}. Database: {vendor}.",
                "Command: `make bench BENCH_ARGS=community_fanout` (BENCH_FANOUT_HOUSEHOLDS: the size).",
                "Measured: `announcement_create` for the whole commune, each household with an e-mail and"
                " a Zalo id: Delivery rows, signed acknowledgement links, outbox rows, one delivery task"
                " queued.",
                "",
                "| what | figure | target |",
                "|---|---:|---:|",
                f"| {int(households):,} households → {int(rows):,} outbox rows written and queued | "
                f"{float(elapsed):.1f} s | ≤ 10 s |",
            ]
        )
        record("community-fanout", body)
        print(body)


def _cpu(usage) -> float:
    return usage.ru_utime + usage.ru_stime


def _vendor(env) -> str:
    return "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"

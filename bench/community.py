"""Benchmarks of the community app (issue: reaching every household).

    python -m bench.community import    # 100,000 household rows from xlsx: time and peak memory
    python -m bench.community fanout    # one announcement to 50,000 households: time

Each runs against a fresh SQLite database in a temporary folder (or DATABASE_URL if set) and
prints its figures; docs/benchmarks.md records them.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
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
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        _xaso(env, "households_import", "15469", path, "--as", "bench", stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(
            f"community_import: {IMPORT_ROWS} rows ({size / 2**20:.1f} MB xlsx) imported in {elapsed:.1f} s, "
            f"peak RSS {peak / 1024:.0f} MB" + ("" if peak > before else " (peak set by an earlier child)")
        )
        start = time.perf_counter()
        _xaso(env, "households_import", "15469", path, "--as", "bench", stderr=subprocess.DEVNULL)
        print(f"community_import: the same file again (all updates) in {time.perf_counter() - start:.1f} s")


FANOUT = """
import time
from django.db import connection
from xaso.accounts.models import User
from xaso.community.announcements import announcement_create
from xaso.community.models import Household
from xaso.notify.models import OutboxMessage
from xaso.places.models import Commune, Village
from django.test.utils import override_settings
commune = Commune.objects.get(code="15469")
villages = list(Village.objects.filter(commune=commune))
Household.objects.bulk_create(
    [Household(commune=commune, village=villages[i % len(villages)], code=f"F-{{i:06d}}",
               head_name=f"Hộ {{i}}", contact_email=f"f{{i}}@example.vn", contact_zalo_id=f"z{{i}}")
     for i in range({n})],
    batch_size=5000,
)
officer = User.objects.get(username="bench")
with override_settings(NOTIFY_ZALO_TOKEN="bench"):
    start = time.perf_counter()
    announcement_create(actor=officer, commune=commune, title="Bench", body="Fan-out benchmark")
    elapsed = time.perf_counter() - start
n_rows = OutboxMessage.objects.count()
print(f"community_fanout: {{Household.objects.count()}} households, {{n_rows}} outbox rows "
      f"written and queued in {{elapsed:.1f}} s ({{connection.vendor}})")
"""


@scenario("community_fanout")
def bench_fanout() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(tmp)
        _xaso(env, "migrate", "-v0")
        _xaso(env, "shell", "-c", SETUP)
        _xaso(env, "shell", "-c", FANOUT.format(n=FANOUT_HOUSEHOLDS))


if __name__ == "__main__":
    names = {"import": bench_import, "fanout": bench_fanout}
    for name in sys.argv[1:] or list(names):
        names[name]()

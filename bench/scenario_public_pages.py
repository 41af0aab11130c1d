"""Anonymous public pages with the demo commune loaded (issue 18): the commune portal, the
procedure catalogue, a procedure page, the public feedback board and the product catalogue,
each served from the cache framework with conditional GET (xaso.core.public_cache), beside a
bare-Django constant-JSON view served by the same granian in the same run (bench/bare_wsgi.py).
Targets: each page ≥ 2,000 requests/s at 32 connections, p99 ≤ 50 ms, ≥ 0.25× the bare
constant-JSON view. wrk sends no cookies and no validators: every request gets the whole page
(a 304 would flatter the figures)."""

import os
import subprocess
import sys
from pathlib import Path

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

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WORKERS, THREADS = 2, 1
COMMUNE = "15469"  # the demo commune, Xã Yên Định (Thanh Hóa)
PAGES = [
    ("commune portal", f"/xa/{COMMUNE}/"),
    ("procedure catalogue", "/thu-tuc/"),
    ("a procedure page", "/thu-tuc/{procedure}/"),
    ("public feedback board", f"/cong-dong/xa/{COMMUNE}/phan-anh/"),
    ("product catalogue", "/san-pham/"),
]


def _procedure_code(env: dict) -> str:
    code = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from xaso.onestop.models import Procedure;"
            " print(Procedure.objects.order_by('code').values_list('code', flat=True).first())",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return code.stdout.strip()


@scenario("public_pages")
def public_pages() -> None:
    for label, url in databases():
        var_dir = Path(ROOT / "var" / "bench" / f"public-{label.lower()}")
        env = bench_env(url, var_dir)
        xaso(env, "migrate", "--noinput", "-v", "0")
        xaso(env, "places", "load")
        xaso(env, "demo", "--force")
        xaso(env, "collectstatic", "--noinput", "-v", "0")
        procedure = _procedure_code(env)
        start_note = load_note()
        with serve(env, app="bench.bare_wsgi:application", workers=WORKERS, threads=THREADS) as bare:
            wrk(f"{bare}/_bench/json", seconds=max(3, SECONDS // 2))
            bare_constant = wrk(f"{bare}/_bench/json", seconds=SECONDS)
        rows = []
        with serve(env, workers=WORKERS, threads=THREADS) as base:
            for name, path in PAGES:
                path = path.format(procedure=procedure)
                wrk(f"{base}{path}", seconds=max(2, SECONDS // 5))  # warm: the first visit renders
                rows.append(wrk(f"{base}{path}", seconds=SECONDS).row(f"GET {path} ({name})", bare_constant))
        body = "\n".join(
            [
                f"## Public pages with the demo commune — {label}",
                f"Machine: {machine()}. Commit {commit()}; {start_note}.",
                "Command: `make bench BENCH_ARGS=public_pages`"
                + (" with BENCH_DATABASE_URL set." if url else ".")
                + f" wrk: 32 connections, {SECONDS} s each, no cookies, no validators (every answer is"
                f" the whole page); granian {WORKERS} workers × {THREADS} thread, the ceiling too."
                " Targets: ≥ 2,000 requests/s, p99 ≤ 50 ms, ≥ 25 % of the bare constant-JSON view.",
                "",
                TABLE_HEAD,
                bare_constant.row("ceiling: constant JSON view, bare Django (no middleware)"),
                *rows,
            ]
        )
        record(f"public-pages-{label.lower()}", body)
        print(body)

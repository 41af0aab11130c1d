"""The one-stop shop at province scale (bench/province.py: 100 communes, 1,000 villages, 500,000
households, 2,000,000 dossiers over a year), on SQLite and (BENCH_DATABASE_URL) PostgreSQL:

1. public lookup, `GET /api/v1/lookup/{code}?token=…` and the page `/tra-cuu/?ma=…&t=…`, driven by
   wrk against granian on loopback over 20,000 different dossiers, beside the ceilings of the
   same run: bare Django (no middleware: a constant JSON view, the lookup's two queries in raw
   SQL), and the same views and a static file through xaso's middleware;
2. a commune officer's work queue (20,000-dossier commune; tabs, filters, search, deep pages)
   and the province supervisor's monthly report, requested in process through the whole
   middleware stack (Django's test client), p50 / p95.

    make bench BENCH_ARGS=onestop                  # BENCH_SCALE=commune for a quick run
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench import province
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
# One granian worker per core with one blocking thread each: on 2 cores a second thread per
# worker only takes turns at the GIL (paired runs at 588d116, 2 × 1 against 2 × 2, alternating:
# 6 of 6 faster, by 5-25 %). The bare-Django ceilings are served the same way.
WORKERS, THREADS = 2, 1
SCALE = os.environ.get("BENCH_SCALE", "province")
SAMPLE = 20_000
REPEAT = int(os.environ.get("BENCH_ONESTOP_REPEAT", "10"))


def _in_process(env: dict, args: dict) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.onestop_measure", json.dumps(args)],
        env={**env, "XASO_REQUIRE_2FA": "0"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


@scenario("onestop")
def onestop() -> None:
    for label, base_url in databases():
        url = province.ensure(SCALE, base_url)
        var_dir = province.var_dir(url)
        var_dir.mkdir(parents=True, exist_ok=True)
        # SQLite runs with xaso's own settings (WAL, busy timeout) on the build's folder.
        env = bench_env(None if url.startswith("sqlite") else url, var_dir)
        # The lookup's per-client limit would stop wrk (one client address) within a second:
        # bench/settings.py raises it; the counting itself still runs on every request.
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        xaso(env, "collectstatic", "--noinput", "-v", "0")
        paths = {
            str(var_dir / "api.paths"): "/api/v1/lookup/{code}?token={token}",
            str(var_dir / "page.paths"): "/tra-cuu/?ma={code}&t={token}",
            str(var_dir / "sql.paths"): "/_bench/sql/dossier_lookup?p={code}",
        }
        start, end = province.END.replace(day=1), province.END
        inproc = _in_process(
            env,
            {
                "sample": SAMPLE,
                "paths": paths,
                "repeat": REPEAT,
                "month_start": start.isoformat(),
                "month_end": end.isoformat(),
            },
        )
        api_paths, page_paths, sql_paths = (Path(p) for p in paths)
        # The ceiling: bare Django (no middleware, only the ceiling views), same server.
        with serve(env, app="bench.bare_wsgi:application", workers=WORKERS, threads=THREADS) as bare:
            wrk(bare, paths=sql_paths, seconds=max(3, SECONDS // 2))
            bare_constant = wrk(f"{bare}/_bench/json", seconds=SECONDS)
            bare_raw = wrk(bare, paths=sql_paths, seconds=SECONDS)
        with serve(env, workers=WORKERS, threads=THREADS) as base:
            # Warm both workers and the database's cache over the sampled dossiers first (not
            # counted): otherwise the first measurement to touch them pays for the cold reads.
            wrk(base, paths=api_paths, seconds=max(3, SECONDS // 2))
            static = wrk(f"{base}/static/xaso/favicon.svg", seconds=SECONDS)
            constant = wrk(f"{base}/_bench/json", seconds=SECONDS)
            raw = wrk(base, paths=sql_paths, seconds=SECONDS)
            api = wrk(base, paths=api_paths, seconds=SECONDS)
            page = wrk(base, paths=page_paths, seconds=SECONDS)
        bare = (bare_constant, bare_raw)
        body = _body(label, base_url, static, constant, raw, bare, api, page, inproc, start, end)
        record(f"onestop-{label.lower()}", body)
        print(body)


def _body(label, base_url, static, constant, raw, bare, api, page, inproc, start, end) -> str:  # noqa: PLR0913
    bare_constant, bare_raw = bare
    queue, report = inproc["queue"], inproc["report"]
    scale = province.SCALES[SCALE]
    communes = scale.communes
    return "\n".join(
        [
            f"## One-stop shop at province scale — {label}",
            f"Machine: {machine()}. Commit {commit()}; {load_note()}.",
            f"Command: `make bench BENCH_ARGS=onestop`{' with BENCH_DATABASE_URL set' if base_url else ''}"
            f" (scale `{SCALE}`: {communes} communes, {communes * scale.villages_per_commune:,} villages,"
            f" {communes * scale.households_per_commune:,} households,"
            f" {communes * scale.dossiers_per_commune:,} dossiers over a year; built by bench/province.py"
            " and cached).",
            f"wrk: 32 connections, {SECONDS} s each, 2 threads, granian {WORKERS} workers × {THREADS} thread;"
            " lookups cycle"
            f" over {SAMPLE:,} different dossiers (rate limits raised, still counted), after an uncounted"
            " warm-up pass over them. The bare-Django ceilings are served first by the same granian with"
            " no middleware (bench/bare_wsgi.py); 'of ceiling' is the share of the bare raw-SQL rate.",
            "",
            TABLE_HEAD,
            bare_constant.row("ceiling: constant JSON view, bare Django (no middleware)"),
            bare_raw.row("ceiling: raw SQL view, the lookup's two queries, bare Django"),
            static.row("ceiling: static file, through xaso"),
            constant.row("ceiling: constant JSON view, through xaso's middleware"),
            raw.row("ceiling: raw SQL view, through xaso's middleware", bare_raw),
            api.row(
                "GET /api/v1/lookup/{code}?token=… (target ≥ 2,000/s, p99 ≤ 50 ms, ≥ 50 % of bare raw SQL)",
                bare_raw,
            ),
            page.row("GET /tra-cuu/?ma=…&t=… (lookup page)", bare_raw),
            "",
            "| in process (Django test client, whole middleware stack) | requests | p50 ms | p95 ms | max ms"
            " | CPU p50 / p95 ms | target |",
            "|---|---:|---:|---:|---:|---:|---:|",
            f"| officer queue, {inproc['commune']} ({inproc['dossiers_in_commune']:,} dossiers):"
            " 12 views (tabs, filters, search, page 300) with tab counts"
            f" | {queue['n']} | {queue['p50']:.1f} | {queue['p95']:.1f} | {queue['max']:.1f}"
            f" | {queue['cpu_p50']:.1f} / {queue['cpu_p95']:.1f} | p95 ≤ 150 ms |",
            f"| province monthly report {start:%d/%m}–{end:%d/%m/%Y} ({inproc['report_dossiers']:,} dossiers,"
            f" {communes} communes) | {report['n']} | {report['p50']:.1f} | {report['p95']:.1f}"
            f" | {report['max']:.1f} | {report['cpu_p50']:.1f} / {report['cpu_p95']:.1f} | ≤ 1,000 ms |",
            "",
            f"Slowest queue view: `{queue['slowest']}` ({queue['slowest_ms']:.1f} ms at worst).",
        ]
    )


if __name__ == "__main__":
    onestop()

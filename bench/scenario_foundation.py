"""The foundation's public reads: the communes of a province through the API and a commune's
home page, beside the ceilings, on SQLite and (when BENCH_DATABASE_URL is set) PostgreSQL."""

import os
from pathlib import Path

from bench.harness import ROOT, TABLE_HEAD, bench_env, commit, databases, machine, record, serve, wrk, xaso
from bench.registry import scenario

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))


@scenario("foundation")
def foundation() -> None:
    for label, url in databases():
        var_dir = Path(ROOT / "var" / "bench" / label.lower())
        env = bench_env(url, var_dir)
        xaso(env, "migrate", "--noinput", "-v", "0")
        xaso(env, "places", "load")
        xaso(env, "collectstatic", "--noinput", "-v", "0")
        with serve(env) as base:
            static = wrk(f"{base}/static/xaso/favicon.svg", seconds=SECONDS)
            constant = wrk(f"{base}/_bench/json", seconds=SECONDS)
            raw = wrk(f"{base}/_bench/sql/communes_of_province?p=38", seconds=SECONDS)
            api = wrk(f"{base}/api/v1/places/communes?province=38", seconds=SECONDS)
            page = wrk(f"{base}/xa/15469/", seconds=SECONDS)
        body = "\n".join(
            [
                f"## Foundation public reads — {label}",
                f"Machine: {machine()}. Commit {commit()}.",
                f"32 connections, {SECONDS} s each, granian 2 workers."
                " Command: `make bench BENCH_ARGS=foundation`"
                + (" with BENCH_DATABASE_URL set." if url else "."),
                "",
                TABLE_HEAD,
                static.row("ceiling: static file"),
                constant.row("ceiling: constant JSON view"),
                raw.row("ceiling: raw SQL, communes of a province (166 rows)"),
                api.row("GET /api/v1/places/communes?province=38", raw),
                page.row("GET /xa/15469/ (commune home page)", constant),
            ]
        )
        record(f"foundation-{label.lower()}", body)
        print(body)

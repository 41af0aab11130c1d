"""The civil-status register over a synthetic province's 20 years (issue 19): 1,000,000 entries
built once by bench/civil_register.py and cached (var/bench/cache/civil-<n>/ for SQLite, a
database `<BENCH_DATABASE_URL name>_civil_<n>` for PostgreSQL), then the register search timed
in process as its page runs it. Target: p95 ≤ 100 ms for a name without diacritics plus a birth
year, on SQLite and PostgreSQL. `make bench BENCH_ARGS=civil` (BENCH_CIVIL_ENTRIES=… for
another size)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.harness import ROOT, commit, databases, load_note, machine, record
from bench.registry import scenario

COUNT = int(os.environ.get("BENCH_CIVIL_ENTRIES", "1000000"))
REPEAT = int(os.environ.get("BENCH_CIVIL_REPEAT", "200"))
CACHE = ROOT / "var" / "bench" / "cache"
TARGET_MS = 100


def _pg_admin(url: str, sql: str) -> list:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        cursor = conn.execute(sql)
        return [r[0] for r in cursor.fetchall()] if cursor.description else []


def _env(url: str, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="xaso.settings",
        PYTHONPATH=str(ROOT),
        XASO_VAR_DIR=str(var_dir),
        XASO_TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
    )
    return env


def _run(env: dict, *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, check=True, capture_output=capture, text=True
    )
    return done.stdout if capture else ""


def _dataset(base_url: str | None) -> tuple[dict, str]:
    """The environment of the cached dataset, building it when absent; and how it was had."""
    folder = CACHE / f"civil-{COUNT}"
    if base_url:
        parts = urlsplit(base_url)
        name = f"{parts.path.lstrip('/') or 'xaso_bench'}_civil_{COUNT}"
        url = urlunsplit(parts._replace(path="/" + name))
        marker = CACHE / f"{name}.json"
        var_dir = ROOT / "var" / "bench" / "postgresql"
    else:
        url = f"sqlite:///{folder / 'xaso.sqlite3'}"
        marker = folder / "built.json"
        var_dir = folder
    env = _env(url, var_dir)
    if marker.exists():
        _run(env, "-m", "xaso", "migrate", "--noinput", "-v", "0")
        return env, "cached: " + json.loads(marker.read_text())["note"]
    var_dir.mkdir(parents=True, exist_ok=True)
    if base_url:
        _pg_admin(url, f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(url, f'CREATE DATABASE "{name}"')
    else:
        for old in folder.glob("xaso.sqlite3*"):
            old.unlink()
    started = time.perf_counter()
    _run(env, "-m", "xaso", "migrate", "--noinput", "-v", "0")
    _run(env, "-m", "xaso", "places", "load")
    _run(env, "-m", "bench.civil_register", "seed", str(COUNT))
    note = f"built in {time.perf_counter() - started:.0f} s at {commit()}"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({"note": note}))
    return env, note


def body(label: str, out: dict, *, how: str, start_note: str, command: str, repeat: int) -> str:
    """The section of docs/benchmarks.md for one database's figures (`out` from `measure`)."""
    rows = []
    for what, (p50, p95) in out["figures"].items():
        target = f"p95 ≤ {TARGET_MS} ms" if "birth year" in what else "—"
        met = "yes" if p95 <= TARGET_MS else "no"
        rows.append(f"| {what} | {p50:.1f} | {p95:.1f} | {target} | {met if target != '—' else ''} |")
    return "\n".join(
        [
            f"## Civil-status register search — {label}",
            f"Machine: {machine()}. Commit {commit()}; {start_note}.",
            f"Command: {command}. "
            f"Dataset: {out['entries']:,} entries, a synthetic province's 20 years over 100 communes "
            f"(bench/civil_register.py; {how}). Each query: `entries_search` as the register page "
            f"runs it, the first page of 25 and the page count, {repeat} varied queries after 20 "
            "unmeasured; the officer reads one commune's register, the supervisor the province's.",
            "",
            "| query | p50 ms | p95 ms | target | met? |",
            "|---|---:|---:|---|---|",
            *rows,
        ]
    )


@scenario("civil")
def civil() -> None:
    for label, base_url in databases():
        start_note = load_note()
        env, how = _dataset(base_url)
        out = json.loads(
            _run(env, "-m", "bench.civil_register", "measure", str(REPEAT), capture=True).splitlines()[-1]
        )
        with_url = " with BENCH_DATABASE_URL set" if base_url else ""
        command = f"`make bench BENCH_ARGS=civil`{with_url}"
        body_text = body(label, out, how=how, start_note=start_note, command=command, repeat=REPEAT)
        print(body_text)
        record(f"civil-{label.lower()}", body_text)

"""Serve xaso with granian on loopback and measure it with wrk (Debian's), bounded in time.

Every measurement runs beside its ceilings in the same run: a static file, a constant-JSON
Django view and a Django view doing the scenario's query in raw SQL (bench/ceilings.py), so each
figure is also a ratio to what this machine and the framework allow."""

import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass
class Load:
    url: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int

    def row(self, label: str, ceiling: "Load | None" = None) -> str:
        ratio = f"{self.rps / ceiling.rps:.0%}" if ceiling and ceiling.rps else "—"
        return (
            f"| {label} | {self.rps:,.0f} | {self.p50_ms:.1f} | {self.p99_ms:.1f} | {self.errors} | {ratio} |"
        )


def databases() -> list[tuple[str, str | None]]:
    """The databases a scenario runs on: SQLite always, PostgreSQL when BENCH_DATABASE_URL is
    set; BENCH_ONLY=sqlite or BENCH_ONLY=postgresql keeps one of the two."""
    found = [("SQLite", None)]
    if os.environ.get("BENCH_DATABASE_URL"):
        found.append(("PostgreSQL", os.environ["BENCH_DATABASE_URL"]))
    only = os.environ.get("BENCH_ONLY", "").lower()
    return [(label, url) for label, url in found if not only or label.lower() == only]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(database_url: str | None, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="xaso.settings",
        XASO_VAR_DIR=str(var_dir),
        XASO_BENCH_CEILINGS="1",
        PYTHONPATH=str(ROOT),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def xaso(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "xaso"), *args], env=env, cwd=ROOT, check=True)


@contextmanager
def serve(env: dict, *, workers: int = 2, threads: int = 2, app: str = "xaso.wsgi:application"):
    """Run granian (WSGI) on a free loopback port until the block ends; yields the base URL."""
    port = _free_port()
    cmd = [
        str(BIN / "granian"),
        "--interface",
        "wsgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--no-ws",
        "--log-level",
        "warning",
        app,
    ]
    server = subprocess.Popen(cmd, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(
    url: str, *, connections: int = 32, seconds: int = 10, threads: int = 2, paths: Path | None = None
) -> Load:
    """Drive `url` for a bounded time; returns requests/s, p50/p99 latency and error count.
    With `paths` (a file of request paths, one a line), each request takes the next of them
    (every wrk thread from its own start), so a run reads many rows, not one."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is missing: `make bench` installs it (Debian package wrk)")
    script = ["-s", str(_paths_script(paths))] if paths else []
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "5s",
            *script,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    return parse_wrk(url, out)


_PATHS_LUA = """
local paths, i = {}, 0
for line in io.lines("%s") do paths[#paths + 1] = line end
local threads = 0
setup = function(thread) thread:set("id", threads); threads = threads + 1 end
init = function(args) i = ((id or 0) * 7919) %% #paths end
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def _paths_script(paths: Path) -> Path:
    script = paths.with_suffix(".lua")
    script.write_text(_PATHS_LUA % paths.resolve())
    return script


def parse_wrk(url: str, out: str) -> Load:
    """Read requests/s, the 50th and 99th latency percentiles and all errors from wrk's report."""
    latency = {m[0]: float(m[1]) * _UNIT[m[2]] for m in _LATENCY.findall(out)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):
        match = re.search(pattern, out)
        if match:
            errors += sum(int(g) for g in match.groups())
    return Load(url=url, rps=rps, p50_ms=latency.get("50", 0.0), p99_ms=latency.get("99", 0.0), errors=errors)


# The 1-minute load average when this run began, before it started any process of its own.
START_LOAD = os.getloadavg()[0]


def load_note() -> str:
    """How busy the machine was when the run began: figures taken beside other work are
    pessimistic, and the page says so."""
    busy = (os.cpu_count() or 1) * 0.75 < START_LOAD
    return f"load average {START_LOAD:.1f} when the run began" + (
        " (other work shared the cores: pessimistic figures)" if busy else " (a quiet machine)"
    )


def machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


TABLE_HEAD = "| what | requests/s | p50 ms | p99 ms | errors | of ceiling |\n|---|---:|---:|---:|---:|---:|"


def record(section: str, body: str) -> None:
    """Replace this scenario's section of docs/benchmarks.md (or add it), keeping the others."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n\nFigures written by `make bench`.\n"
    start, end = f"<!-- bench:{section} -->", f"<!-- /bench:{section} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)

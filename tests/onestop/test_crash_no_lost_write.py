"""No acknowledged write lost: granian serving xaso and a `db_worker` on a fresh database take a
steady load of filings (each with an Idempotency-Key, retried by the client until it gets its
201) while both are killed with SIGKILL at seeded random moments and restarted. Afterwards every
201 names a dossier that exists once, codes run 1..n per commune and day (a filing killed before
commit gives its number back), the audit chain verifies, the outbox delivered every message, and
no client ever saw a 5xx or "database is locked"."""

import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.support.dossiers import BIRTH_DATA
from tests.support.servers import free_port
from tests.support.waiting import wait_until

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SEED = int(os.environ.get("XASO_CRASH_SEED", "20261201"))
KILLS = 6
CLIENTS = 3
# Filings keep coming this long after the last restart, so that a message the killed worker was
# sending outlives its lease and a later delivery run takes it over.
TAIL_SECONDS = 4.0


def probe(env: dict, *args: str) -> dict:
    code = f"from tests.onestop import crash_probe; crash_probe.main({', '.join(repr(a) for a in args)})"
    done = subprocess.run(
        [sys.executable, "-m", "xaso", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("PROBE"))
    return json.loads(line.removeprefix("PROBE"))


class Process:
    """A server process in its own session, so SIGKILL reaches its workers too."""

    def __init__(self, argv: list[str], env: dict, log: Path):
        self.argv, self.env, self.log = argv, env, log
        self.proc = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@pytest.fixture
def instance(tmp_path, django_db_blocker):
    """A fresh instance: its own SQLite file in WAL mode (or PostgreSQL database when the suite
    runs on PostgreSQL), migrated and set up, with e-mail written to files."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="xaso.settings",
        PYTHONPATH=str(ROOT),
        XASO_VAR_DIR=str(tmp_path / "var"),
        XASO_MEDIA_ROOT=str(tmp_path / "media"),
        XASO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        XASO_EMAIL_FILE_PATH=str(tmp_path / "mail"),
        XASO_NOTIFY_LEASE_SECONDS="1",
    )
    dbname = None
    if connection.vendor == "postgresql":
        db = settings.DATABASES["default"]
        dbname = f"xaso_crash_{uuid.uuid4().hex[:8]}"
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{dbname}"')
        host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{dbname}"
    else:
        env.pop("DATABASE_URL", None)
    migrated = subprocess.run(
        [sys.executable, "-m", "xaso", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    yield env, probe(env, "setup", str(CLIENTS)), tmp_path
    if dbname:
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


class Client:
    """Files dossiers one after another, each under its own key, retrying a key (connection
    refused or reset while the server is down) until it gets its 201."""

    def __init__(self, name: str, port: int, token: str, commune: str):
        self.name, self.port, self.token, self.commune = name, port, token, commune
        self.acked: dict[str, dict] = {}
        self.bad: list[str] = []
        self.retries = 0

    def post(self, key: str) -> tuple[int, str]:
        body = {"procedure": "1.001193", "commune": self.commune, "data": dict(BIRTH_DATA)}
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(
                "POST",
                "/api/v1/dossiers",
                body=json.dumps(body),
                headers={
                    "Content-Type": "application/json",
                    "Authorization": f"Bearer {self.token}",
                    "Idempotency-Key": key,
                },
            )
            response = conn.getresponse()
            return response.status, response.read().decode()
        finally:
            conn.close()

    def file_one(self, key: str, give_up_at: float) -> None:
        while time.monotonic() < give_up_at:
            try:
                status, text = self.post(key)
            except OSError:  # refused, reset, timed out: the server is down or restarting
                self.retries += 1
                time.sleep(0.1)
                continue
            if status == 201:
                self.acked[key] = json.loads(text)
                return
            self.bad.append(f"{key}: {status} {text[:300]}")
            return
        self.bad.append(f"{key}: no answer before the deadline")

    def run(self, stop: threading.Event) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            self.file_one(f"{self.name}-{n}", time.monotonic() + 120)


def serving(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def wait_serving(port: int, seconds: float = 120) -> None:
    """Until the restarted server answers (granian binds its port before Django has loaded)."""
    wait_until(lambda: serving(port), timeout=seconds, message="granian did not come back")


def drained(seen: dict) -> dict | None:
    """The report, once no message waits in the outbox or is being sent."""
    outbox = seen["outbox"]
    return None if outbox.get("pending") or outbox.get("sending") else seen


def test_no_acknowledged_filing_is_lost_when_the_server_and_worker_are_killed(instance):
    env, setup, tmp = instance
    port = free_port()
    server = Process(
        [str(BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--blocking-threads", "4", "xaso.wsgi:application"],
        env, tmp / "granian.log",
    )  # fmt: skip
    worker = Process(
        [sys.executable, "-m", "xaso", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        env, tmp / "worker.log",
    )  # fmt: skip
    server.start()
    worker.start()
    clients = [Client(f"c{i}", port, token, setup["commune"]) for i, token in enumerate(setup["tokens"])]
    stop = threading.Event()
    threads = [threading.Thread(target=c.run, args=(stop,)) for c in clients]
    rng = random.Random(SEED)
    kills = Counter()
    try:
        wait_serving(port)
        for t in threads:
            t.start()
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.3, 2.0))
            victims = rng.choice([[server], [worker], [server, worker]])
            for victim in victims:
                victim.kill()
                kills["server" if victim is server else "worker"] += 1
            time.sleep(rng.uniform(0.0, 0.5))
            for victim in victims:
                victim.start()
            wait_serving(port)
        time.sleep(TAIL_SECONDS)
        stop.set()
        for t in threads:
            t.join(timeout=180)
        seen = wait_until(
            lambda: drained(probe(env, "report")), timeout=60, message="the outbox did not drain", every=1
        )
    finally:
        stop.set()
        server.kill()
        worker.kill()

    retries = sum(c.retries for c in clients)
    print(f"crash suite: seed {SEED}, kills {dict(kills)}, {len(seen['codes'])} filed, {retries} retries")
    assert kills["server"] and kills["worker"], kills
    assert retries > 0, "no request met a dead server: the kills missed"
    assert [b for c in clients for b in c.bad] == []
    acked = {key: body for c in clients for key, body in c.acked.items()}
    assert len(acked) >= 10
    # Every 201 names a dossier that exists, and one key filed one dossier.
    codes = Counter(seen["codes"])
    assert all(codes[body["code"]] == 1 for body in acked.values())
    assert all(seen["keys"][key] == body["code"] for key, body in acked.items())
    assert sorted(seen["keys"].values()) == sorted(codes)
    assert seen["drafts"] == 0
    # Codes: 1..last for each commune and day, no duplicates, no gaps.
    for commune, day, last in seen["counters"]:
        prefix = f"{commune}-{day[2:4]}{day[5:7]}{day[8:10]}-"
        sequences = sorted(int(c.rsplit("-", 1)[1]) for c in codes if c.startswith(prefix))
        assert sequences == list(range(1, last + 1)), (prefix, sequences, last)
    assert sum(last for _c, _d, last in seen["counters"]) == len(codes)
    # The outbox resumed: every filing's e-mail was sent.
    assert seen["outbox"] == {"sent": len(codes)}
    assert sorted(seen["mailed_refs"]) == sorted(f"dossier:{c}" for c in codes)
    verify = subprocess.run(
        [sys.executable, "-m", "xaso", "audit", "verify"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr

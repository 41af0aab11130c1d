"""A real worker process is killed (SIGKILL) while the gateway is handling its third message;
a second worker finishes the run. Nothing is lost; nothing marked sent is sent again; the one
message in flight is resent with the same idempotency key, which the gateway recognises."""

import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEED = """
from xaso.notify.channels import Recipient
from xaso.notify.services import notify_send
for i in range(6):
    notify_send(recipient=Recipient(phone=f"09120000{i:02d}"), subject=f"m{i}", body="b", channels=["sms"])
"""


@pytest.fixture
def worker_env(tmp_path, gateway):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xaso.settings",
        "PYTHONPATH": str(ROOT),
        "XASO_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/outbox.sqlite3",
        "XASO_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "XASO_NOTIFY_SMS_URL": gateway.url + "/sms",
        "XASO_NOTIFY_SMS_TOKEN": "t",
    }
    xaso = [sys.executable, "-m", "xaso"]
    subprocess.run([*xaso, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*xaso, "shell", "-c", SEED], env=env, check=True, cwd=ROOT)
    return env, xaso, tmp_path / "outbox.sqlite3"


def _rows(db_path):
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT uid, status, provider_id FROM notify_outboxmessage ORDER BY id").fetchall()


def test_no_message_is_lost_or_sent_twice_when_the_worker_dies_mid_run(worker_env, gateway):
    env, xaso, db_path = worker_env
    worker = subprocess.Popen([*xaso, "notify_deliver"], env=env, cwd=ROOT)

    def kill_on_third(gw, body):
        if len(gw.requests) == 3:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)

    gateway.on_request = kill_on_third
    assert worker.wait(timeout=60) == -signal.SIGKILL
    gateway.on_request = None

    statuses = [status for _uid, status, _p in _rows(db_path)]
    assert statuses == ["sent", "sent", "sending", "pending", "pending", "pending"]

    # A new worker, once the dead worker's lease has run out (here: at once).
    subprocess.run(
        [*xaso, "notify_deliver"], env={**env, "XASO_NOTIFY_LEASE_SECONDS": "0"}, check=True, cwd=ROOT
    )

    rows = _rows(db_path)
    assert [status for _uid, status, _p in rows] == ["sent"] * 6
    uids = [uid.replace("-", "") for uid, _s, _p in rows]
    keys = [r["headers"]["idempotency-key"].replace("-", "") for r in gateway.requests]
    # Every message reached the gateway; only the one in flight at the kill was repeated,
    # with the same key, and the gateway's deduplicated record holds each message once.
    assert set(keys) == set(uids)
    counts = Counter(keys)
    assert [counts[uid] for uid in uids] == [1, 1, 2, 1, 1, 1]
    assert sorted(k.replace("-", "") for k in gateway.delivered_keys()) == sorted(uids)
    # The provider id recorded for the repeated message is the one from its first delivery.
    assert rows[2][2] == gateway.seen_keys[gateway.requests[2]["headers"]["idempotency-key"]]

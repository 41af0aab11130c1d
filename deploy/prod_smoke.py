"""`make prod-smoke`: the production profile started locally and driven end to end.

Its own PostgreSQL cluster and Redis server on loopback (in a temporary directory, gone after),
several granian workers, an RQ worker behind Django's tasks API; then a citizen files a birth
registration through the API, the commune's officers take it to delivery, and the smoke checks
that the dossier's notifications went through the queue. Exits non-zero on any failure."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from django_otp.oath import TOTP

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BIRTH = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912345678",
    "applicant_address": "Thôn Yên Trường, xã Yên Định",
    "relationship": "me",
    "child_name": "Lê Minh An",
    "child_birth_date": "2026-03-01",
    "child_sex": "M",
    "child_birth_place": "Trạm y tế xã Yên Định",
    "child_ethnicity": "Kinh",
    "mother_name": "Trần Thị Bình",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; a root session runs them as the postgres user.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def wait_for(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not come up")


def start_postgres(stack: ExitStack, workdir: Path) -> str:
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    data, sockets = workdir / "pg", workdir / "pgsock"
    for folder in (data, sockets):
        folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
    subprocess.run(
        as_postgres([str(pg_bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "xaso"]),
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        as_postgres(
            [
                str(pg_bin / "postgres"),
                "-D",
                str(data),
                "-p",
                str(port),
                "-k",
                str(sockets),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
            ]
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stack.callback(lambda: (server.terminate(), server.wait(30)))
    ready = [str(pg_bin / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port)]
    wait_for(lambda: subprocess.run(ready).returncode == 0, "PostgreSQL")
    subprocess.run(
        [str(pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "xaso", "xaso"], check=True
    )
    return f"postgres://xaso@127.0.0.1:{port}/xaso"


def start_redis(stack: ExitStack) -> str:
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    stack.callback(lambda: (server.terminate(), server.wait(30)))

    def answers():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    wait_for(answers, "Redis")
    return f"redis://127.0.0.1:{port}/0"


class Api:
    def __init__(self, base: str):
        self.base = base

    def call(self, method: str, path: str, body: dict | None = None, token: str = "") -> dict:
        request = urllib.request.Request(  # noqa: S310 (loopback only)
            self.base + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={
                "Content-Type": "application/json",
                **({"Authorization": f"Bearer {token}"} if token else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{method} {path}: {exc.code} {exc.read()[:300]!r}") from None

    def token(self, username: str, password: str, otp: str | None = None) -> str:
        body = {"username": username, "password": password, "otp": otp}
        return self.call("POST", "/api/v1/auth/token", body)["token"]


def citizen_to_result(api: Api, password: str, leader_totp_key: str) -> str:
    citizen = api.token("0912345678", password)
    officer = api.token("motcua", password)
    # The leader signs in with a second factor, as in production.
    leader = api.token("lanhdao", password, otp=f"{TOTP(bytes.fromhex(leader_totp_key)).token():06d}")
    specialist = api.token("chuyenvien", password)
    created = api.call(
        "POST", "/api/v1/dossiers", {"procedure": "1.001193", "commune": "15469", "data": BIRTH}, citizen
    )
    code = created["code"]
    print(f"prod-smoke: dossier {code} filed, status {created['status']}, due {created['due_date']}")
    steps = [
        (officer, {"action": "receive"}),
        (officer, {"action": "assign", "assignee": "chuyenvien"}),
        (specialist, {"action": "start"}),
        (specialist, {"action": "propose"}),
        (leader, {"action": "approve"}),
        (specialist, {"action": "result_ready"}),
        (officer, {"action": "deliver"}),
    ]
    for token, step in steps:
        status = api.call("POST", f"/api/v1/dossiers/{code}/actions", step, token)["status"]
        print(f"prod-smoke: {step['action']} -> {status}")
    if status != "delivered":
        raise RuntimeError(f"the dossier ended in {status}, not delivered")
    return code


def main() -> int:
    with ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="xaso-prod-smoke-"))
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "XASO_TASKS_BACKEND")}
        env.update(
            DJANGO_SETTINGS_MODULE="xaso.settings",
            PYTHONPATH=str(ROOT),
            XASO_VAR_DIR=str(workdir / "var"),
            DATABASE_URL=start_postgres(stack, workdir),
            XASO_REDIS_URL=start_redis(stack),
            XASO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        )
        xaso = [str(BIN / "xaso")]
        give_email = (
            "from xaso.accounts.models import User; User.objects.filter(username='0912345678')"
            ".update(email='binh@example.vn')"
        )
        for args in (
            ["migrate", "--noinput", "-v", "0"],
            ["places", "load"],
            ["demo", "--force"],
            ["collectstatic", "--noinput", "-v", "0"],
            ["shell", "-c", give_email],
        ):
            subprocess.run(xaso + args, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        worker = subprocess.Popen(
            xaso + ["rqworker", "--job-class", "django_tasks_rq.Job", "default"], env=env, cwd=ROOT
        )
        stack.callback(lambda: (worker.terminate(), worker.wait(30)))
        port = free_port()
        web = subprocess.Popen(
            [
                str(BIN / "granian"),
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "4",
                "--no-ws",
                "--log-level",
                "warning",
                "xaso.wsgi:application",
            ],
            env=env,
            cwd=ROOT,
        )
        stack.callback(lambda: (web.terminate(), web.wait(30)))
        api = Api(f"http://127.0.0.1:{port}")

        def healthy():
            try:
                return api.call("GET", "/healthz")["status"] == "ok"
            except (RuntimeError, OSError):
                return False

        wait_for(healthy, "granian")
        enrol = (
            "from xaso.accounts.models import TotpDevice as D; "
            "from xaso.accounts.models import User; "
            "print(D.objects.create(user=User.objects.get(username='lanhdao'), name='smoke').key)"
        )
        out = subprocess.run(
            xaso + ["shell", "--no-imports", "-c", enrol],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        code = citizen_to_result(api, "xaso-demo-2026", out.stdout.split()[-1])
        # The e-mails to the citizen travel the outbox through Redis to the RQ worker.
        sent = "from xaso.notify.models import OutboxMessage as Out; "
        sent += "print(Out.objects.filter(status='sent').count())"
        deadline = time.monotonic() + 60
        while True:
            out = subprocess.run(
                xaso + ["shell", "--no-imports", "-c", sent],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if out.returncode != 0:
                raise RuntimeError(out.stderr[-500:])
            notified = int(out.stdout.split()[-1])
            if notified > 0 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        mails = list((workdir / "var" / "mail").glob("*"))
        if notified == 0 or not mails:
            raise RuntimeError("no e-mail went out through the queue")
        print(
            f"prod-smoke: ok — dossier {code} delivered on PostgreSQL + Redis/RQ; "
            f"{notified} e-mails sent by the RQ worker"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

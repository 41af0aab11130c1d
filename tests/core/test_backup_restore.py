"""`xaso backup` then `xaso restore` into a fresh instance: the same rows, the same files, and an
audit chain that still verifies. Run as real commands in separate processes and directories."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def xaso(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xaso", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def instances(tmp_path, django_db_blocker):
    """Two instance environments (source, target): fresh SQLite files, or fresh PostgreSQL
    databases when the suite runs on PostgreSQL."""
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    base["DJANGO_SETTINGS_MODULE"] = "xaso.settings"
    base["PYTHONPATH"] = str(ROOT)
    # The restored chain verifies only under the key that wrote it: both instances share it.
    base["XASO_AUDIT_KEY"] = "k" * 48
    envs, created = [], []
    for name in ("source", "target"):
        env = dict(base, XASO_VAR_DIR=str(tmp_path / name), XASO_MEDIA_ROOT=str(tmp_path / name / "media"))
        if connection.vendor == "postgresql":
            db = settings.DATABASES["default"]
            dbname = f"xaso_backup_{name}_{uuid.uuid4().hex[:8]}"
            with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{dbname}"')
            created.append(dbname)
            host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
            env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{dbname}"
        else:
            env.pop("DATABASE_URL", None)
        envs.append(env)
    yield envs
    for dbname in created:
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def test_a_backup_restores_into_a_fresh_instance_with_everything_intact(instances, tmp_path):
    source, target = instances
    for env in instances:
        assert xaso(env, "migrate", "--noinput", "-v", "0").returncode == 0
    assert xaso(source, "demo", "--force").returncode == 0
    upload = Path(source["XASO_MEDIA_ROOT"]) / "dossiers" / "scan.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 a scanned paper " + os.urandom(64))
    archive = tmp_path / "backup.tar"
    made = xaso(source, "backup", "--output", str(archive))
    assert made.returncode == 0, made.stderr
    assert "1 files" in made.stdout

    restored = xaso(target, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "audit chain ok" in restored.stdout
    copy = Path(target["XASO_MEDIA_ROOT"]) / "dossiers" / "scan.pdf"
    assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(upload.read_bytes()).digest()
    assert xaso(target, "audit", "verify").returncode == 0


def test_a_restore_that_does_not_match_its_manifest_is_reported(instances, tmp_path):
    source, target = instances
    for env in instances:
        assert xaso(env, "migrate", "--noinput", "-v", "0").returncode == 0
    assert xaso(source, "demo", "--force").returncode == 0
    archive = tmp_path / "backup.tar"
    assert xaso(source, "backup", "--output", str(archive)).returncode == 0
    # Tamper with the archive's manifest: claim one more village than the dump holds.
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() if m.isfile() else None for m in tar.getmembers()}
        infos = tar.getmembers()
    manifest = json.loads(members["manifest.json"])
    manifest["tables"]["places_village"] += 1
    members["manifest.json"] = json.dumps(manifest).encode()
    forged = tmp_path / "forged.tar"
    with tarfile.open(forged, "w") as tar:
        for info in infos:
            data = members[info.name]
            if data is not None:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)
    result = xaso(target, "restore", str(forged))
    assert result.returncode != 0
    assert "places_village" in result.stderr

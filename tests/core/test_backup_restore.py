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

# One worker runs both tests, so the source instance and its backup are made once (module scope).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("backup-restore")]

ROOT = Path(__file__).resolve().parents[2]


def xaso(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xaso", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def instance(name: str, directory: Path, django_db_blocker, created: list) -> dict:
    """An instance environment: a fresh SQLite file, or a fresh PostgreSQL database (its name
    added to `created`) when the suite runs on PostgreSQL; migrated."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DJANGO_SETTINGS_MODULE"] = "xaso.settings"
    env["PYTHONPATH"] = str(ROOT)
    # The restored chain verifies only under the key that wrote it: every instance shares it.
    env["XASO_AUDIT_KEY"] = "k" * 48
    env.update(XASO_VAR_DIR=str(directory / name), XASO_MEDIA_ROOT=str(directory / name / "media"))
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
    migrated = xaso(env, "migrate", "--noinput", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    return env


def drop(created: list, django_db_blocker) -> None:
    for dbname in created:
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


@pytest.fixture(scope="module")
def source(tmp_path_factory, django_db_blocker):
    """The source instance with the demo data (its pictures and signed PDFs among the uploaded
    files) and one uploaded scan, and its backup archive: made once for both tests (neither
    changes them)."""
    directory, created = tmp_path_factory.mktemp("backup"), []
    try:
        env = instance("source", directory, django_db_blocker, created)
        assert xaso(env, "demo", "--force").returncode == 0
        upload = Path(env["XASO_MEDIA_ROOT"]) / "dossiers" / "scan.pdf"
        upload.parent.mkdir(parents=True, exist_ok=True)
        upload.write_bytes(b"%PDF-1.4 a scanned paper " + os.urandom(64))
        files = sum(p.is_file() for p in Path(env["XASO_MEDIA_ROOT"]).rglob("*"))
        archive = directory / "backup.tar"
        made = xaso(env, "backup", "--output", str(archive))
        assert made.returncode == 0, made.stderr
        yield {"made": made, "archive": archive, "upload": upload, "files": files}
    finally:
        drop(created, django_db_blocker)


@pytest.fixture
def target(tmp_path, django_db_blocker):
    """A fresh, migrated instance for each test to restore into."""
    created = []
    try:
        yield instance("target", tmp_path, django_db_blocker, created)
    finally:
        drop(created, django_db_blocker)


def test_a_backup_restores_into_a_fresh_instance_with_everything_intact(source, target):
    assert f" {source['files']} files)" in source["made"].stdout

    restored = xaso(target, "restore", str(source["archive"]))
    assert restored.returncode == 0, restored.stderr
    assert "audit chain ok" in restored.stdout
    copy = Path(target["XASO_MEDIA_ROOT"]) / "dossiers" / "scan.pdf"
    assert (
        hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(source["upload"].read_bytes()).digest()
    )
    assert sum(p.is_file() for p in Path(target["XASO_MEDIA_ROOT"]).rglob("*")) == source["files"]
    assert xaso(target, "audit", "verify").returncode == 0


def test_a_restore_that_does_not_match_its_manifest_is_reported(source, target, tmp_path):
    # Tamper with the archive's manifest: claim one more village than the dump holds.
    with tarfile.open(source["archive"]) as tar:
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

"""Backup and restore of a whole instance: the database (SQLite online backup or pg_dump) and the
uploaded files, in one .tar archive with a manifest (row counts per table, SHA-256 of every
file, the audit chain's head and a signed anchor of it) that `backup_restore` checks after
restoring."""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

from xaso.core.audit import anchor_signed, audit_anchor, audit_verify
from xaso.core.models import AuditHead

MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.db_table] = model._base_manager.count()
    return dict(sorted(counts.items()))


def media_hashes(media_root: Path) -> dict[str, str]:
    if not media_root.exists():
        return {}
    return {str(p.relative_to(media_root)): _sha256(p) for p in sorted(media_root.rglob("*")) if p.is_file()}


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or "127.0.0.1"),
        PGPORT=str(db.get("PORT") or 5432),
        PGUSER=str(db.get("USER") or ""),
        PGPASSWORD=str(db.get("PASSWORD") or ""),
        PGDATABASE=str(db["NAME"]),
    )
    return env


def _dump_database(workdir: Path) -> str:
    if connection.vendor == "sqlite":
        target = workdir / SQLITE_NAME
        connection.ensure_connection()
        with sqlite3.connect(target) as dest:
            connection.connection.backup(dest)
        return SQLITE_NAME
    if connection.vendor == "postgresql":
        target = workdir / PG_NAME
        subprocess.run(  # noqa: S603 (a fixed argument list; pg_dump from PATH)
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target)],  # noqa: S607
            env=_pg_env(),
            check=True,
            capture_output=True,
        )
        return PG_NAME
    raise BackupError(f"backups of {connection.vendor} are not supported")


def _private_file(path: Path):
    """`path` opened for writing, readable by its owner only (0600, whatever the umask): a
    backup holds every citizen's data and the password hashes. An existing file is truncated
    and made 0600 too."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")


def backup_create(*, output: Path) -> dict:
    """Write a backup archive of the database and uploaded files; returns its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    head = AuditHead.objects.filter(pk=1).first()
    manifest = {
        "format": 1,
        "vendor": connection.vendor,
        "tables": table_counts(),
        "media": media_hashes(media_root),
        "audit_head": {"seq": head.seq, "hash": head.hash} if head else None,
        # The signed head, also appended to the anchor file and the log (xaso.core.audit).
        "audit_anchor": audit_anchor(),
    }
    output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        manifest["database"] = _dump_database(Path(tmp))
        with _private_file(output) as fh, tarfile.open(fileobj=fh, mode="w") as archive:
            archive.add(Path(tmp) / manifest["database"], arcname=manifest["database"])
            if media_root.exists():
                archive.add(media_root, arcname="media")
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return manifest


@dataclass
class RestoreReport:
    manifest: dict
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _restore_database(extracted: Path, name: str) -> None:
    if name == SQLITE_NAME:
        if connection.vendor != "sqlite":
            raise BackupError("this archive holds a SQLite database; the instance uses PostgreSQL")
        connection.ensure_connection()
        with sqlite3.connect(extracted / name) as source:
            source.backup(connection.connection)
        return
    if connection.vendor != "postgresql":
        raise BackupError("this archive holds a PostgreSQL dump; the instance uses SQLite")
    connection.close()
    subprocess.run(  # noqa: S603 (a fixed argument list; pg_restore from PATH)
        [  # noqa: S607
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            str(settings.DATABASES["default"]["NAME"]),
            str(extracted / name),
        ],
        env=_pg_env(),
        check=True,
        capture_output=True,
    )


def _anchor_problems(anchor: dict | None) -> list[str]:
    """The restored chain against the anchor the backup carried, which must be signed with this
    instance's audit key (restore the key with the data: XASO_AUDIT_KEY or var/audit_key)."""
    if anchor is None:
        return []
    if not anchor_signed(anchor):
        return ["the backup's audit anchor is not signed with this instance's audit key"]
    return audit_verify(anchors=[anchor]).anchor_problems


def backup_restore(*, archive_path: Path) -> RestoreReport:
    """Restore an archive into this instance, then compare counts, file hashes and audit head."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive_path) as archive:
        archive.extractall(tmp, filter="data")
        extracted = Path(tmp)
        manifest = json.loads((extracted / MANIFEST).read_text())
        _restore_database(extracted, manifest["database"])
        if (extracted / "media").exists():
            if media_root.exists():
                shutil.rmtree(media_root)
            shutil.copytree(extracted / "media", media_root)
    problems = []
    counts = table_counts()
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, the backup had {expected}")
    hashes = media_hashes(media_root)
    for name, digest in manifest["media"].items():
        if hashes.get(name) != digest:
            problems.append(f"file {name} differs from the backup")
    head = AuditHead.objects.filter(pk=1).first()
    if manifest["audit_head"] and (head is None or head.hash != manifest["audit_head"]["hash"]):
        problems.append("the audit chain's head differs from the backup")
    problems += _anchor_problems(manifest.get("audit_anchor"))
    return RestoreReport(manifest=manifest, problems=problems)

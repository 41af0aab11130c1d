"""A backup holds every citizen's data and the password hashes: the archive is written readable
by its owner only (0600), whatever the umask, and an older file at that path is made so too."""

import os
import stat

import pytest
from django.core.management import call_command

from xaso.core import backup

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_umask(monkeypatch):
    """A umask that lets others read new files, as on many servers; the database dump itself is
    replaced by a small file (tests/core/test_backup_restore.py runs real ones)."""

    def dump(workdir):
        (workdir / backup.SQLITE_NAME).write_bytes(b"SQLite format 3\0")
        return backup.SQLITE_NAME

    monkeypatch.setattr(backup, "_dump_database", dump)
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_backup_command_writes_the_archive_0600(tmp_path, open_umask, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    output = tmp_path / "backups" / "xaso.tar"
    call_command("backup", output=output, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert output.stat().st_size > 0
    assert _mode(output) == 0o600
    assert _mode(output.parent) == 0o700


def test_an_older_readable_file_at_the_path_becomes_0600(tmp_path, open_umask, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    output = tmp_path / "xaso.tar"
    output.write_bytes(b"old")
    output.chmod(0o644)
    call_command("backup", output=output, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert _mode(output) == 0o600

"""`xaso audit anchor` appends the chain's signed head to a file outside the database, the log and
every backup's manifest; earlier anchors are kept (MEDIUM 5 of issue 16)."""

import json
import logging
import tarfile

import pytest
from django.core.management import call_command

from xaso.core.audit import anchor_signed, anchors_read, audit_record, audit_verify
from xaso.core.backup import backup_create
from xaso.core.models import AuditHead
from xaso.core.tasks import anchor_audit_chain


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_each_anchor_is_appended_and_the_earlier_ones_are_kept(
    db, one_stop_officer, audit_anchor_file, capsys
):
    audit_record(actor=one_stop_officer, action="test.write")
    call_command("audit", "anchor", "--now")
    first = lines(audit_anchor_file)
    audit_record(actor=one_stop_officer, action="test.write")
    call_command("audit", "anchor", "--now")
    second = lines(audit_anchor_file)
    assert second[0] == first[0]
    assert [a["seq"] for a in second] == [1, 2]
    assert second[1]["hash"] == AuditHead.objects.get(pk=1).hash
    assert all(anchor_signed(a) for a in second)
    assert "audit anchor written" in capsys.readouterr().out
    assert audit_anchor_file.stat().st_mode & 0o077 == 0


def test_the_anchor_goes_to_the_log(db, one_stop_officer, caplog):
    audit_record(actor=one_stop_officer, action="test.write")
    with caplog.at_level(logging.WARNING, logger="xaso.audit"):
        anchor = anchor_audit_chain.call()["anchor"]
    assert any(anchor["hash"] in r.getMessage() for r in caplog.records if r.name == "xaso.audit")


def test_a_forged_anchor_line_is_reported(db, one_stop_officer, audit_anchor_file):
    audit_record(actor=one_stop_officer, action="test.write")
    call_command("audit", "anchor", "--now")
    with audit_anchor_file.open("a") as fh:
        fh.write(json.dumps({"seq": 1, "count": 1, "hash": "0" * 64, "at": "2026", "mac": "f" * 64}) + "\n")
    anchors, problems = anchors_read()
    assert len(anchors) == 1
    assert any("anchor line 2" in p for p in problems)
    assert not audit_verify().ok


@pytest.mark.django_db(transaction=True)
def test_the_backup_manifest_carries_the_anchor(one_stop_officer, audit_anchor_file, tmp_path):
    audit_record(actor=one_stop_officer, action="test.write")
    manifest = backup_create(output=tmp_path / "backup.tar")
    with tarfile.open(tmp_path / "backup.tar") as archive:
        stored = json.loads(archive.extractfile("manifest.json").read())
    assert stored["audit_anchor"] == manifest["audit_anchor"]
    assert anchor_signed(stored["audit_anchor"])
    assert stored["audit_anchor"]["seq"] == AuditHead.objects.get(pk=1).seq
    assert lines(audit_anchor_file)[-1] == stored["audit_anchor"]

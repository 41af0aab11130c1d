"""`make run` starts the server and the task worker at once; both may find no key yet."""

import os
import stat

from xaso.core import env


def test_the_process_that_loses_the_race_reads_the_winners_key(tmp_path, monkeypatch):
    path = tmp_path / "audit_key"
    real_link = os.link

    def link_after_the_other_process_won(source, target):
        # The other process links its key first, between our check and our link.
        with open(target, "x") as fh:
            fh.write("the-other-process-key-" + "x" * 30)
        real_link(source, target)

    monkeypatch.setattr(os, "link", link_after_the_other_process_won)
    assert env.key_file(path, "our-key") == "the-other-process-key-" + "x" * 30
    assert [p.name for p in tmp_path.iterdir()] == ["audit_key"]  # no temporary left behind


def test_a_new_key_is_written_whole_and_private(tmp_path):
    key = env.key_from(tmp_path, env="XASO_TEST_UNSET_KEY", filename="secret_key")
    path = tmp_path / "secret_key"
    assert path.read_text() == key and len(key) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert env.key_from(tmp_path, env="XASO_TEST_UNSET_KEY", filename="secret_key") == key

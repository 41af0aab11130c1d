"""Every message in every Vietnamese catalogue is translated: no English leaks into the UI."""

from pathlib import Path

import polib
import pytest

CATALOGUES = sorted(Path(__file__).resolve().parent.parent.joinpath("xaso").rglob("vi/LC_MESSAGES/django.po"))


def test_there_is_a_vietnamese_catalogue():
    assert CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.parent.parent.parent.parent.name))
def test_every_message_is_translated(path):
    catalogue = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy

"""The commune portal shows the sections the apps register (xaso.core.portal), in their order,
and leaves out a section whose context function answers None."""

import pytest

from xaso.core import portal


@pytest.fixture
def probe_sections(settings, tmp_path):
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "section.html").write_text(
        '<section class="probe">{{ ctx.word }} of {{ commune.name }}</section>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}]
    saved = dict(portal._sections)
    portal.register_section(
        portal.Section("probe-late", "probe/section.html", lambda r, c: {"word": "second"}, order=999)
    )
    portal.register_section(
        portal.Section("probe-first", "probe/section.html", lambda r, c: {"word": "first"}, order=-1)
    )
    portal.register_section(portal.Section("probe-hidden", "probe/section.html", lambda r, c: None))
    yield
    portal._sections.clear()
    portal._sections.update(saved)


def test_registered_sections_are_shown_in_their_order(client, commune, probe_sections):
    body = client.get(f"/xa/{commune.code}/").content.decode()
    assert "first of Xã Yên Định" in body
    assert "second of Xã Yên Định" in body
    assert body.index("first of") < body.index("second of")
    assert body.count('class="probe"') == 2

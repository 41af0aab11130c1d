"""The lookup page from its shell (xaso.onestop.lookup_page) is the full render, byte for byte:
empty, found, refused, with odd input typed, in both languages; a signed-in visitor gets the
full render with their own menu."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.shortcuts import render
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from xaso.onestop import lookup_page
from xaso.onestop.lookup import lookup_dossier
from xaso.onestop.views.public import lookup_shown

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh():
    cache.clear()
    lookup_page._shells.clear()
    yield
    cache.clear()
    lookup_page._shells.clear()


def both(rf, url: str, context: dict) -> tuple[str, str]:
    request = rf.get(url)
    request.user = AnonymousUser()
    fast = lookup_page.page(request, dict(context))
    full = render(request, lookup_page.TEMPLATE, dict(context)).content.decode()
    return fast, full


def context(code="", result=None, error=None, phone_last4=""):
    return {"code": code, "result": result, "error": error, "phone_last4": phone_last4}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_shell_gives_the_full_render(rf, file_birth, walk, language):
    dossier = walk(file_birth(), "start")
    with translation.override(language):
        found = lookup_shown(lookup_dossier(code=dossier.code, token=dossier.token))
        cases = [
            ("/tra-cuu/", context()),
            (f"/tra-cuu/?ma={dossier.code}&t={dossier.token}", context(dossier.code, result=found)),
            ("/tra-cuu/?ma=<b>&so=\"1'", context("<b>", error="Không <có>", phone_last4="\"1'")),
        ]
        for url, ctx in cases:
            fast, full = both(rf, url, ctx)
            assert fast == full
    assert dossier.code in both(rf, "/", context(dossier.code, result=found))[0]


def test_typed_text_and_the_path_are_escaped(rf):
    fast, full = both(rf, "/tra-cuu/", context("<script>", phone_last4='"x'))
    assert fast == full
    assert "<script>" not in fast and 'value="&lt;script&gt;"' in fast and 'value="&quot;x"' in fast
    shell = lookup_page._shells.kept("vi")
    assert "?next=/x%3Fa%3D%3Cb%3E%26c%3D%22%27" in shell.fill({"body": ""}, path="/x?a=<b>&c=\"'")


def test_no_session_gets_the_shell_a_signed_in_visitor_the_full_page(client, citizen, file_birth):
    dossier = file_birth()
    url = f"/tra-cuu/?ma={dossier.code}&t={dossier.token}"
    logout = f'action="{reverse("web:logout")}"'
    anonymous = client.get(url).content.decode()
    assert dossier.code in anonymous and "T*** T** B***" in anonymous
    assert lookup_page._shells.kept("vi") is not None  # built for the anonymous visit
    client.force_login(citizen)
    response = client.get(url)
    signed_in = response.content.decode()
    assert dossier.code in signed_in and logout in signed_in
    assert logout not in anonymous


def test_the_dates_read_as_the_date_filter_writes_them(file_birth, walk):
    dossier = walk(file_birth(), "start")
    found = lookup_dossier(code=dossier.code, token=dossier.token)
    shown = lookup_shown(found)
    assert shown["due_text"] == in_template(found["due_date"], "d/m/Y")
    written = [in_template(e["at"], "d/m/Y H:i") for e in found["timeline"]]
    assert [e["at_text"] for e in shown["timeline"]] == written
    assert lookup_shown({**found, "due_date": None})["due_text"] == "—"


def in_template(value, fmt: str) -> str:
    """What `{{ value|date:fmt }}` gives in a template (which first moves it to local time)."""
    return Template("{{ value|date:fmt }}").render(Context({"value": value, "fmt": fmt}))

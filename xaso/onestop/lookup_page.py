"""The public lookup page (the receipt's QR code opens it) without rendering the layout per
request. For a visitor without a session, everything around the lookup's own part is the same
in one language: the layout, the anonymous menu, the title. So that page is rendered once a
minute per process and language with markers in place of the lookup's part and of the path (the
language link's `next`), and each request renders only its part (`_lookup_body.html`: the form
with what was typed, the message, the dossier) into it (xaso.core.page_shell).
tests/onestop/test_lookup_page_shell.py checks the result equals the full render."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from xaso.core.page_shell import ShellCache, marker, plain_visit

TEMPLATE = "onestop/lookup.html"
BODY = "onestop/_lookup_body.html"
__all__ = ["BODY", "TEMPLATE", "page", "plain_visit"]

# one shell per language, rendered at most once a minute per process
_shells = ShellCache(seconds=60)


def page(request, context: dict) -> str:
    """The whole page for a visitor without a session: the shell with this request's part."""
    body = render_to_string(BODY, context)
    shell = _shells.get(get_language(), request, TEMPLATE, lambda: {"lookup_body": marker("body")})
    return shell.fill({"body": body}, path=request.get_full_path())

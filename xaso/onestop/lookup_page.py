"""The public lookup page (the receipt's QR code opens it) without rendering the layout per
request. For a visitor without a session, everything around the lookup's own part is the same
in one language: the layout, the anonymous menu, the title. So that page is rendered once a
minute per process and language with markers in place of the lookup's part and of the path (the
language link's `next`), and each request renders only its part (`_lookup_body.html`: the form
with what was typed, the message, the dossier) into it (xaso.core.page_shell).
tests/onestop/test_lookup_page_shell.py checks the result equals the full render."""

import time

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils.translation import get_language

from xaso.core.page_shell import Shell, marker, plain_visit

TEMPLATE = "onestop/lookup.html"
BODY = "onestop/_lookup_body.html"
SHELL_SECONDS = 60
__all__ = ["BODY", "TEMPLATE", "page", "plain_visit"]

# language -> (monotonic deadline, Shell)
_shells: dict = {}


def _shell(request) -> Shell:
    language = get_language()
    hit = _shells.get(language)
    if hit is not None and hit[0] > time.monotonic():
        return hit[1]
    rendered = render_to_string(
        TEMPLATE,
        {
            "lookup_body": marker("body"),
            "request": {"get_full_path": marker("path")},
            "user": AnonymousUser(),
            "messages": (),
        },
        request=request,
    )
    shell = Shell(rendered)
    _shells[language] = (time.monotonic() + SHELL_SECONDS, shell)
    return shell


def page(request, context: dict) -> str:
    """The whole page for a visitor without a session: the shell with this request's part."""
    body = render_to_string(BODY, context)
    return _shell(request).fill({"body": body}, path=request.get_full_path())

"""Public pages served from a shell: rendered once, cut at markers, filled per request.

A public page the same for every visitor without a session (the base layout's anonymous menu),
but for a few values, need not run the template engine on every request: it is rendered with
markers in place of those values, cut at the markers, and each request joins the pieces with
its own values. `Shell.fill` escapes plain values as the template's autoescape does and the
`path` value as the `urlencode` filter does (the language link's `next`); values passed as
`html` are inserted as they are (already rendered and escaped by a template). Each page's tests
check the filled shell equals the full render (economy.trace_page, onestop.lookup_page)."""

import html
import re
import secrets
from urllib.parse import quote

from django.conf import settings

# Markers no page text can contain: they carry a secret drawn when the process starts.
_NONCE = secrets.token_hex(8)
_MARKER = re.compile(f"xasoshell{_NONCE}([a-z]+)q")


def marker(name: str) -> str:
    return f"xasoshell{_NONCE}{name}q"


def plain_visit(request) -> bool:
    """A visitor with no session and no messages waiting: the page is the same for all of them."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


class Shell:
    def __init__(self, page: str):
        pieces = _MARKER.split(page)
        self.texts = pieces[0::2]
        self.names = pieces[1::2]

    def fill(self, html_values: dict | None = None, **values) -> str:
        # The standard library's escape gives what the template's autoescape gives (& < > " '),
        # without Django's lazy-string wrappers: this runs on every request.
        if "path" in values:
            values["path"] = quote(str(values["path"]), safe="/")  # Django's urlencode filter
        escaped = {k: html.escape(str(v), quote=True) for k, v in values.items()}
        escaped.update(html_values or {})
        out = [self.texts[0]]
        for name, text in zip(self.names, self.texts[1:], strict=True):
            out.append(escaped[name])
            out.append(text)
        return "".join(out)

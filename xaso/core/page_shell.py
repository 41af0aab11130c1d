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
import time
import weakref
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from xaso.core.visitor import remembered_commune_code

# Markers no page text can contain: they carry a secret drawn when the process starts.
_NONCE = secrets.token_hex(8)
_MARKER = re.compile(f"xasoshell{_NONCE}([a-z]+)q")


def marker(name: str) -> str:
    return f"xasoshell{_NONCE}{name}q"


def plain_visit(request) -> bool:
    """A visitor with no session, no messages waiting and no remembered commune (the header
    carries its services, xaso.core.visitor): the page is the same for all of them."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and not remembered_commune_code(request)
    )


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


class ShellCache:
    """Shells kept per process for `seconds`, by key (a page's template, language, …); at most
    about `most` of them (past that, all are dropped)."""

    every: "weakref.WeakSet[ShellCache]" = weakref.WeakSet()

    def __init__(self, seconds: int = 60, most: int = 1000):
        self.seconds = seconds
        self.most = most
        self._shells: dict = {}  # key -> (monotonic deadline, Shell)
        ShellCache.every.add(self)

    def get(self, key, request, template: str, context_of: Callable[[], dict]) -> Shell:
        """The shell of `template` for `key`, rendered with `context_of()` (markers in place of
        the values) if none is kept or it is older than `seconds`. The request's context processors
        run; what they would read from the visitor is what a visitor without a session sees,
        and the language link's path is the marker `path`."""
        hit = self._shells.get(key)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        anonymous = {"request": {"get_full_path": marker("path")}, "user": AnonymousUser(), "messages": ()}
        shell = Shell(render_to_string(template, {**context_of(), **anonymous}, request=request))
        if len(self._shells) > self.most:
            self._shells.clear()
        self._shells[key] = (time.monotonic() + self.seconds, shell)
        return shell

    def kept(self, key) -> Shell | None:
        hit = self._shells.get(key)
        return hit[1] if hit is not None else None

    def clear(self) -> None:
        self._shells.clear()

    @classmethod
    def clear_every(cls) -> None:
        """Drop the shells of every cache (keys hold row ids, which a test database reuses)."""
        for cache in list(cls.every):
            cache.clear()

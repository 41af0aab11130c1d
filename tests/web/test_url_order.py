"""The shell's routes (xaso.web.urls) come first among the unprefixed ones in xaso/urls.py so
the most visited pages resolve quickly; that is only safe while no route of the shell and no
route of an app can match the same path. Every route is tried with a sample path made from it."""

import re

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

SAMPLES = {
    "str": "15469",
    "int": "7",
    "id": "7",
    "slug": "cai-chinh-ho-tich",
    "path": "a/b",
    "uuid": "12345678-1234-5678-1234-567812345678",
    "year": "2026",
}


def _sample(route: str) -> str:
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m.group(1) or "str", "7"), route)


def _routes(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue
        path = prefix + _sample(str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from _routes(entry, path)
        elif isinstance(entry, URLPattern):
            yield "/" + path, entry


def _module_of(callback) -> str:
    return getattr(callback, "__module__", "") or ""


def test_no_path_of_an_app_is_answered_by_the_shell_nor_the_reverse():
    crossed = []
    for path, pattern in _routes(get_resolver()):
        owner = _module_of(pattern.callback).startswith("xaso.web.")
        answered_by = resolve(path).func
        if _module_of(answered_by).startswith("xaso.web.") != owner:
            crossed.append((path, _module_of(pattern.callback), _module_of(answered_by)))
    assert not crossed


def test_the_portal_and_home_resolve_to_the_shell():
    assert resolve("/").view_name == "web:home"
    assert resolve("/xa/15469/").view_name == "web:commune"

"""The public trace page without rendering a template per scan.

Everything on the page but four values is the same for all scans of a batch, in one language,
for a visitor without a session (the base layout's anonymous menu): the product, producer and
batch, the headings, the layout. So the page is rendered once a minute per process, batch,
language and clone warning (shown or not) with markers in place of the five values, cut at the
markers, and each scan joins the pieces with its own values, escaped: the serial, the counts,
the first scan's time and the path (the language link's `next`, URL-encoded as the template's
`urlencode` does; xaso.core.page_shell). An anonymous page has no form, so no CSRF token.
tests/economy/test_trace_page_shell.py checks the result equals the full render.
"""

from django.utils.translation import get_language

from xaso.core.page_shell import Shell, ShellCache, marker, plain_visit

FIELDS = ("serial", "scans", "places", "first", "path")
__all__ = ["FIELDS", "Shell", "context", "plain_visit", "shell_for"]


def context(origin: dict, flagged: bool, values: dict) -> dict:
    """The template's own context (the request's context processors add the rest)."""
    return {
        "stamp": {"serial": values["serial"]},
        "origin": origin,
        "scans": values["scans"],
        "places": values["places"],
        "flagged": flagged,
        "first_scanned": values["first"],
    }


# (batch id, language, flagged) -> the page, rendered at most once a minute per process
_shells = ShellCache(seconds=60, most=1000)


def shell_for(request, batch_id: int, flagged: bool, origin_of) -> Shell:
    """The page of this batch, language and warning, with markers in place of the scan's
    values (xaso.core.page_shell.ShellCache)."""
    return _shells.get(
        (batch_id, get_language(), flagged),
        request,
        "economy/trace.html",
        lambda: context(origin_of(batch_id), flagged, {name: marker(name) for name in FIELDS}),
    )

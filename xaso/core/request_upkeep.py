"""A request's upkeep done directly instead of through Django's request signals, for the lean
chain (xaso/core/lean_wsgi.py).

Django sends `request_started` and `request_finished` around every request; with only Django's
own receivers connected, that is: clear the query log, close database connections that are
broken or past their age (at both ends), close caches, reset the URLconf. Sending the two signals
and running those receivers in general form cost about a tenth of the public lookup's answer
(0.05 ms). When the receivers are exactly Django's own, `quiet()` is true and the lean chain
does the same work itself: the query log is cleared when DEBUG keeps one, connections are
closed the same way at both ends, caches are closed when a configured backend has anything to
close, the URLconf is reset. Any other receiver (a test's, a monitoring library's) makes
`quiet()` false, and the signals are sent as usual."""

import weakref

from django.conf import settings
from django.core import signals
from django.core.cache import close_caches
from django.core.cache.backends.base import BaseCache
from django.core.handlers.base import reset_urlconf
from django.db import close_old_connections, reset_queries
from django.urls import set_urlconf
from django.utils.module_loading import import_string

DJANGOS = (
    (signals.request_started, frozenset({reset_queries, close_old_connections})),
    (signals.request_finished, frozenset({close_old_connections, close_caches, reset_urlconf})),
)


def quiet() -> bool:
    """Whether each request signal has exactly Django's own receivers."""
    for signal, expected in DJANGOS:
        if len(signal.receivers) != len(expected):
            return False
        for _key, receiver, _is_async in signal.receivers:
            if isinstance(receiver, weakref.ReferenceType):
                receiver = receiver()
            if receiver not in expected:
                return False
    return True


def started() -> None:
    """What request_started's receivers do."""
    if settings.DEBUG:
        reset_queries()
    close_old_connections()


def finished() -> None:
    """What request_finished's receivers do."""
    close_old_connections()
    if _caches_to_close():
        close_caches()
    set_urlconf(None)


_closing: list = [None, False]  # the CACHES setting last seen, and the answer for it


def _caches_to_close() -> bool:
    """Whether a configured cache backend closes anything (Django's local-memory and Redis
    backends do not)."""
    configured = settings.CACHES
    if _closing[0] is not configured:
        _closing[:] = [
            configured,
            any(import_string(o["BACKEND"]).close is not BaseCache.close for o in configured.values()),
        ]
    return _closing[1]


class Finishing:
    """A response's body for the WSGI server; closing it closes the response as Django does,
    with `finished()` in place of sending request_finished."""

    def __init__(self, response):
        self.response = response

    def __iter__(self):
        return iter(self.response)

    def close(self):
        response = self.response
        for closer in response._resource_closers:  # as HttpResponseBase.close, before its signal
            try:
                closer()
            except Exception:  # noqa: BLE001, S110  (Django ignores a closer's failure too)
                pass
        response._resource_closers.clear()
        response.closed = True
        finished()

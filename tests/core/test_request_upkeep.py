"""The lean chain does a request's upkeep itself when only Django's receivers listen to the
request signals (xaso/core/request_upkeep.py), and sends the signals when anyone else listens."""

import time

import pytest
from django.core import signals
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.urls import get_urlconf

from xaso.core import request_upkeep
from xaso.core.lean_wsgi import LeanHandler

ROUTES = {r"/_lean/ok": ("tests.core.test_lean_chain.ok_view", False)}


def serve(handler, path="/_lean/ok"):
    environ = RequestFactory().get(path).environ
    environ[LeanHandler.MATCH] = handler.route(environ)
    seen = []
    body = handler(environ, lambda status, headers: seen.append(status))
    content = b"".join(body)
    body.close()
    return seen[0], content


def test_quiet_only_with_exactly_djangos_receivers():
    assert request_upkeep.quiet()

    def spy(**kwargs):
        pass

    signals.request_finished.connect(spy)
    try:
        assert not request_upkeep.quiet()
    finally:
        signals.request_finished.disconnect(spy)
    signals.request_started.disconnect(close_old_connections)
    try:
        assert not request_upkeep.quiet()
    finally:
        signals.request_started.connect(close_old_connections)
    assert request_upkeep.quiet()


@pytest.mark.django_db(transaction=True)
def test_a_quiet_request_sends_no_signal_and_still_closes_an_expired_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a request signal was sent")

    monkeypatch.setattr(signals.request_started, "send", refuse)
    monkeypatch.setattr(signals.request_finished, "send", refuse)
    closes = []
    monkeypatch.setattr(connection, "close", lambda: closes.append(True))
    connection.ensure_connection()
    connection.close_at = time.monotonic() - 1  # past its CONN_MAX_AGE
    status, content = serve(LeanHandler(ROUTES))
    assert (status, content) == ("200 OK", b"ok")
    assert closes == [True, True]  # at the start and at the end, as Django's receivers do
    assert get_urlconf() is None


@pytest.mark.django_db(transaction=True)
def test_another_receiver_gets_both_signals():
    heard = []

    def spy(signal, **kwargs):
        heard.append(signal)

    signals.request_started.connect(spy)
    signals.request_finished.connect(spy)
    try:
        assert serve(LeanHandler(ROUTES))[0] == "200 OK"
    finally:
        signals.request_started.disconnect(spy)
        signals.request_finished.disconnect(spy)
    assert heard == [signals.request_started, signals.request_finished]


@pytest.mark.django_db
def test_closing_the_body_runs_the_responses_closers():
    from django.http import HttpResponse

    closed = []
    response = HttpResponse(b"ok")
    response._resource_closers.append(lambda: closed.append(True))
    body = request_upkeep.Finishing(response)
    assert b"".join(body) == b"ok"
    body.close()
    assert closed == [True] and response.closed

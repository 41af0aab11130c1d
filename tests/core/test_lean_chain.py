"""The lean chain (xaso/core/lean_wsgi.py) runs its middleware's hooks in one loop instead of
Django's nested callables; every way a request can end answers as Django's own chain would:
an answer from a process_request, an exception in a hook, an exception in the view, a domain
error turned into a page by process_exception."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from xaso.core import lean_wsgi
from xaso.core.errors import NotFound
from xaso.core.lean_wsgi import LeanHandler

pytestmark = pytest.mark.django_db

ROUTES = {
    r"/_lean/ok": ("tests.core.test_lean_chain.ok_view", False),
    r"/_lean/boom": ("tests.core.test_lean_chain.failing_view", False),
    r"/_lean/missing": ("tests.core.test_lean_chain.not_found_view", False),
}
SECURITY_HEADERS = ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Security-Policy")


def ok_view(request):
    return HttpResponse(b"ok", content_type="text/plain")


def failing_view(request):
    raise RuntimeError("a bug")


def not_found_view(request):
    raise NotFound("dossier", field="code")


def answer(handler, path, **extra):
    environ = RequestFactory().get(path, **extra).environ
    route = handler.route(environ)
    assert route is not None
    environ[LeanHandler.MATCH] = route
    seen = []
    body = b"".join(handler(environ, lambda status, headers: seen.append((status, dict(headers)))))
    status, headers = seen[0]
    return int(status.split()[0]), headers, body


def test_a_plain_answer_carries_every_layers_headers():
    status, headers, body = answer(LeanHandler(ROUTES), "/_lean/ok")
    assert (status, body) == (200, b"ok")
    assert all(headers.get(name) for name in SECURITY_HEADERS)
    assert headers["Content-Language"] == "vi" and "Cookie" in headers["Vary"]


def test_an_answer_from_process_request_goes_back_through_the_layers_above_it():
    # SecurityMiddleware answers a plain-HTTP request itself; the layers above it and it
    # itself still shape the answer, the layers below never run.
    with override_settings(SECURE_SSL_REDIRECT=True):
        status, headers, _body = answer(LeanHandler(ROUTES), "/_lean/ok")
        full = Client().get("/tra-cuu/")
    assert status == full.status_code == 301
    assert headers["Location"] == "https://testserver/_lean/ok"
    assert headers.get("X-Content-Type-Options") == full.headers.get("X-Content-Type-Options") == "nosniff"
    assert "Content-Language" not in headers and "Content-Language" not in full.headers


def test_an_exception_in_a_hook_is_answered_at_that_layer():
    # CommonMiddleware's host check raises: a 400, then only the layers above it respond.
    status, headers, _body = answer(LeanHandler(ROUTES), "/_lean/ok", HTTP_HOST="evil.example")
    assert status == 400
    assert headers.get("X-Content-Type-Options") == "nosniff"  # SecurityMiddleware, above it
    assert headers.get("Content-Language") == "vi"  # LanguageMiddleware, above it
    assert "X-Frame-Options" not in headers  # XFrameOptionsMiddleware, below it: never ran


def test_a_failing_view_is_djangos_500_with_the_headers():
    handler = LeanHandler(ROUTES)
    status, headers, _body = answer(handler, "/_lean/boom")
    assert status == 500
    assert all(headers.get(name) for name in SECURITY_HEADERS)


def test_a_domain_error_becomes_the_error_page_through_process_exception():
    status, headers, body = answer(LeanHandler(ROUTES), "/_lean/missing")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert b"<html" in body.lower()


def test_the_request_context_is_cleared_after_the_answer():
    from xaso.core.request_context import current_ip

    answer(LeanHandler(ROUTES), "/_lean/ok", REMOTE_ADDR="203.0.113.9")
    assert current_ip() is None


def test_a_layer_not_written_as_hooks_is_refused(monkeypatch, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.core.test_lean_chain.CallOnly"]
    monkeypatch.setattr(
        lean_wsgi, "LEAN_MIDDLEWARE", (*lean_wsgi.LEAN_MIDDLEWARE, "tests.core.test_lean_chain.CallOnly")
    )
    with pytest.raises(ImproperlyConfigured, match="CallOnly"):
        LeanHandler(ROUTES)


class CallOnly:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

"""The public lookup served through xaso.wsgi's lean chain (xaso/core/lean_wsgi.py) answers
exactly as the full middleware stack does: same status, body and security headers, for a found
dossier and for every refusal; a signed-in visitor's page and every write still go the full way."""

import pytest
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.test import RequestFactory

from xaso.onestop.lookup_limits import PER_CLIENT

pytestmark = pytest.mark.django_db

HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
)


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def is_lean(environ) -> bool:
    from xaso.wsgi import lean

    return lean.route(environ) is not None


@pytest.fixture
def wsgi_app():
    from xaso.wsgi import application

    return application


def call(app, environ):
    """One request through xaso.wsgi's application, the test database connection kept open
    across it (as the test client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        seen = []
        body = b"".join(app(environ, lambda status, headers: seen.append((status, dict(headers)))))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    status, headers = seen[0]
    return int(status.split()[0]), headers, body


def same_answer(wsgi_app, client, url, **extra):
    environ = RequestFactory().get(url, **extra).environ
    assert is_lean(environ)
    status, headers, body = call(wsgi_app, environ)
    cache.clear()  # the full stack's request counts afresh
    full = client.get(url, **extra)
    assert status == full.status_code
    assert body == full.content
    assert {h: headers.get(h) for h in HEADERS} == {h: full.headers.get(h) for h in HEADERS}
    return status, body


def test_the_api_lookup_answers_as_the_full_stack_does(file_birth, walk, wsgi_app, client):
    dossier = walk(file_birth(), "start")
    status, body = same_answer(wsgi_app, client, f"/api/v1/lookup/{dossier.code}?token={dossier.token}")
    assert status == 200 and dossier.code.encode() in body and b"Tr\\u1ea7n" not in body
    assert b"0912000001" not in body and dossier.token.encode() not in body


@pytest.mark.parametrize(
    ("query", "status"),
    [("?token=guessed", 404), ("", 422), ("?phone_last4=9999", 404)],
)
def test_refusals_are_the_same_problem_bodies(file_birth, wsgi_app, client, query, status):
    dossier = file_birth()
    got, body = same_answer(wsgi_app, client, f"/api/v1/lookup/{dossier.code}{query}")
    assert got == status and b'"status": %d' % status in body


def test_a_malformed_code_and_the_english_cookie(file_birth, wsgi_app, client):
    got, body = same_answer(wsgi_app, client, "/api/v1/lookup/not%20a%20code?token=x")
    assert got == 422 and b'"field"' in body
    client.cookies["django_language"] = "en"
    dossier = file_birth()
    url = f"/api/v1/lookup/{dossier.code}?token={dossier.token}"
    environ = RequestFactory().get(url, HTTP_COOKIE="django_language=en").environ
    status, headers, body = call(wsgi_app, environ)
    assert status == 200 and headers["Content-Language"] == "en" and b"Submitted" in body


def test_the_lean_path_still_counts_each_clients_failures(file_birth, wsgi_app):
    dossier = file_birth()
    url = f"/api/v1/lookup/{dossier.code}?token=wrong"
    statuses = [call(wsgi_app, RequestFactory().get(url).environ)[0] for _ in range(PER_CLIENT + 1)]
    assert statuses[:PER_CLIENT] == [404] * PER_CLIENT and statuses[-1] == 429


def test_the_page_without_a_session_answers_as_the_full_stack_does(file_birth, wsgi_app, client):
    dossier = file_birth()
    status, body = same_answer(wsgi_app, client, f"/tra-cuu/?ma={dossier.code}&t={dossier.token}")
    assert status == 200 and dossier.code in body.decode()
    status, body = same_answer(wsgi_app, client, "/tra-cuu/")
    assert status == 200


def test_an_unknown_host_is_refused_on_the_lean_path(file_birth, wsgi_app):
    dossier = file_birth()
    environ = RequestFactory().get(f"/api/v1/lookup/{dossier.code}?token=x", HTTP_HOST="evil.example").environ
    assert call(wsgi_app, environ)[0] == 400


def test_signed_in_pages_and_writes_take_the_full_stack(file_birth):
    dossier = file_birth()
    page = f"/tra-cuu/?ma={dossier.code}&t={dossier.token}"
    factory = RequestFactory()
    assert not is_lean(factory.get(page, HTTP_COOKIE="sessionid=abc").environ)
    assert is_lean(factory.get(f"/api/v1/lookup/{dossier.code}", HTTP_COOKIE="sessionid=abc").environ)
    assert not is_lean(factory.post(f"/api/v1/lookup/{dossier.code}").environ)
    assert not is_lean(factory.get("/mot-cua/ho-so/").environ)
    assert not is_lean(factory.get("/api/v1/dossiers/").environ)


def test_the_lean_page_view_is_the_one_the_urlconf_names():
    from django.urls import resolve
    from django.utils.module_loading import import_string

    from xaso.wsgi import LEAN_ROUTES

    assert resolve("/tra-cuu/").func is import_string(LEAN_ROUTES["/tra-cuu/"][0])

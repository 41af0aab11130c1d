"""The public lookup's JSON answered ahead of Django (xaso/onestop/lookup_wsgi.py) is the answer
the full middleware stack gives: same status, body and every header, for a found dossier (in
each language, over HTTP and behind an HTTPS proxy) and for every refusal, which the lean chain
answers; each request is counted once; and the fast path is really the one taken."""

from contextlib import contextmanager

import pytest
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.test import Client, RequestFactory, override_settings

from xaso.core import request_upkeep
from xaso.onestop import lookup_wsgi
from xaso.onestop.lookup_limits import PER_CLIENT

pytestmark = pytest.mark.django_db
HTTPS = {
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 3600,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
}


@pytest.fixture(autouse=True)
def fresh_limits(monkeypatch):
    cache.clear()
    # Django's receivers stay connected (so the fast path is taken), but the upkeep must not
    # close the test's database connection in the middle of its transaction.
    upkeep = []
    monkeypatch.setattr(request_upkeep, "close_old_connections", lambda: upkeep.append(True))
    yield upkeep
    cache.clear()


@pytest.fixture
def lean_calls(monkeypatch):
    """How many requests the fast path handed to the lean chain."""
    from xaso.wsgi import lean

    calls = []
    original = type(lean).__call__

    def counting(self, environ, start_response):
        calls.append(environ["PATH_INFO"])
        return original(self, environ, start_response)

    monkeypatch.setattr(type(lean), "__call__", counting)
    return calls


@contextmanager
def started_with(**changed):
    """These settings, as a server started with them has them: the lean chain's middleware
    read theirs when built."""
    from xaso.wsgi import lean

    try:
        with override_settings(**changed):
            lean.load_middleware()
            yield
    finally:
        lean.load_middleware()


def call(environ):
    from xaso.wsgi import application

    seen = []
    answer = application(environ, lambda status, headers: seen.append((status, headers)))
    body = b"".join(answer)
    answer.close()
    status, headers = seen[0]
    return int(status.split()[0]), sorted(headers), body


def full_stack(client, url, **extra):
    cache.clear()  # the full stack's request counts afresh
    response = client.get(url, **extra)
    headers = sorted((name, value) for name, value in response.headers.items())
    return response.status_code, headers, response.content


def same_answer(client, url, **extra):
    fast = call(RequestFactory().get(url, **extra).environ)
    assert fast == full_stack(client, url, **extra)
    return fast


def test_a_found_dossier_is_answered_without_the_lean_chain(
    file_birth, walk, client, lean_calls, fresh_limits
):
    dossier = walk(file_birth(), "start")
    status, headers, body = same_answer(client, f"/api/v1/lookup/{dossier.code}?token={dossier.token}")
    assert status == 200 and dossier.code.encode() in body and b'"timeline": [{' in body
    assert b"0912000001" not in body and dossier.token.encode() not in body
    assert ("Content-Length", str(len(body))) in headers
    assert lean_calls == []
    assert fresh_limits == [True, True]  # the request's upkeep, at both ends


def test_the_phone_digits_and_a_repeated_parameter(file_birth, client, lean_calls):
    dossier = file_birth()
    status, _headers, _body = same_answer(client, f"/api/v1/lookup/{dossier.code}?phone_last4=0001")
    assert status == 200
    # As request.GET.get: the last value counts.
    url = f"/api/v1/lookup/{dossier.code}?token=wrong&token={dossier.token}&utm_source=qr"
    assert same_answer(client, url)[0] == 200
    assert lean_calls == []


def test_the_english_cookie_and_the_learned_headers_per_language(file_birth, client, lean_calls):
    dossier = file_birth()
    url = f"/api/v1/lookup/{dossier.code}?token={dossier.token}"
    client.cookies["django_language"] = "en"
    status, headers, body = same_answer(client, url, HTTP_COOKIE="django_language=en; other=1")
    assert status == 200 and ("Content-Language", "en") in headers and b"Submitted" in body
    del client.cookies["django_language"]
    status, headers, body = same_answer(client, url)
    assert ("Content-Language", "vi") in headers and b"Submitted" not in body
    assert lean_calls == []


@pytest.mark.parametrize(
    ("query", "status"), [("?token=guessed", 404), ("", 422), ("?phone_last4=9999", 404)]
)
def test_refusals_go_to_the_lean_chain_and_answer_as_the_full_stack(
    file_birth, client, lean_calls, query, status
):
    dossier = file_birth()
    got, _headers, body = same_answer(client, f"/api/v1/lookup/{dossier.code}{query}")
    assert got == status and b'"status": %d' % status in body
    assert len(lean_calls) == 1


def test_a_malformed_code(client, lean_calls):
    got, _headers, body = same_answer(client, "/api/v1/lookup/not%20a%20code?token=x")
    assert got == 422 and b'"field": "code"' in body
    assert len(lean_calls) == 1


def test_each_failure_is_counted_once_and_a_valid_token_never(file_birth, lean_calls):
    dossier = file_birth()
    url = f"/api/v1/lookup/{dossier.code}?token=wrong"
    statuses = [call(RequestFactory().get(url).environ)[0] for _ in range(PER_CLIENT + 1)]
    assert statuses[:PER_CLIENT] == [404] * PER_CLIENT and statuses[-1] == 429
    assert len(lean_calls) == PER_CLIENT + 1  # every refusal is the lean chain's answer
    valid = call(RequestFactory().get(f"/api/v1/lookup/{dossier.code}?token={dossier.token}").environ)
    assert valid[0] == 200 and len(lean_calls) == PER_CLIENT + 1


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted(file_birth, settings):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1"]
    dossier = file_birth()
    url = f"/api/v1/lookup/{dossier.code}?token=wrong"
    factory = RequestFactory()
    first = [
        call(factory.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7").environ)[0] for _ in range(PER_CLIENT + 1)
    ]
    other = call(factory.get(url, HTTP_X_FORWARDED_FOR="203.0.113.8").environ)[0]
    assert first[-1] == 429 and other == 404


def test_behind_an_https_proxy_the_headers_are_the_full_stacks(file_birth, client, lean_calls):
    dossier = file_birth()
    url = f"/api/v1/lookup/{dossier.code}?token={dossier.token}"
    with started_with(**HTTPS):
        status, headers, _body = same_answer(client, url, HTTP_X_FORWARDED_PROTO="https")
        assert status == 200
        assert ("Strict-Transport-Security", "max-age=3600; includeSubDomains") in headers
        assert lean_calls == []
        # Plain HTTP: redirected by the lean chain, as by the full stack.
        status, headers, _body = same_answer(client, url)
        assert status == 301 and len(lean_calls) == 1
    status, headers, _body = same_answer(Client(), url)  # the settings back: learned afresh
    assert status == 200 and not any(name == "Strict-Transport-Security" for name, _value in headers)


def test_a_changed_setting_changes_the_headers(file_birth, client):
    dossier = file_birth()
    url = f"/api/v1/lookup/{dossier.code}?token={dossier.token}"
    assert ("Referrer-Policy", "same-origin") in same_answer(client, url)[1]
    with started_with(SECURE_REFERRER_POLICY="no-referrer", X_FRAME_OPTIONS="SAMEORIGIN"):
        headers = same_answer(Client(), url)[1]  # a client whose stack is built with them
    assert ("Referrer-Policy", "no-referrer") in headers and ("X-Frame-Options", "SAMEORIGIN") in headers


def test_an_unknown_host_is_refused_by_the_lean_chain(file_birth, lean_calls):
    dossier = file_birth()
    environ = RequestFactory().get(f"/api/v1/lookup/{dossier.code}?token=x", HTTP_HOST="evil.example").environ
    assert call(environ)[0] == 400 and len(lean_calls) == 1


def test_a_failure_is_answered_and_logged_as_django_does(file_birth, monkeypatch, lean_calls, caplog):
    dossier = file_birth()

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(lookup_wsgi, "lookup_dossier", broken)
    status, _headers, body = call(RequestFactory().get(f"/api/v1/lookup/{dossier.code}?token=x").environ)
    assert status == 500 and b"database went away" not in body
    assert len(lean_calls) == 1
    assert any(
        r.name == "django.request" and r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records
    )


def test_another_receiver_of_the_request_signals_gets_them(file_birth, lean_calls):
    dossier = file_birth()
    heard = []

    def listener(**kwargs):
        heard.append(True)

    # Django's receiver of the signals would close the test's connection: this one instead.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    signals.request_started.connect(listener)
    try:
        status, _headers, _body = call(
            RequestFactory().get(f"/api/v1/lookup/{dossier.code}?token={dossier.token}").environ
        )
    finally:
        signals.request_started.disconnect(listener)
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert status == 200 and heard == [True] and len(lean_calls) == 1


def test_head_and_other_methods_are_not_answered_here(file_birth, lean_calls):
    dossier = file_birth()
    factory = RequestFactory()
    call(factory.head(f"/api/v1/lookup/{dossier.code}?token={dossier.token}").environ)
    assert len(lean_calls) == 1


def test_the_fast_path_is_the_urlconfs_lookup():
    from django.urls import resolve

    assert resolve("/api/v1/lookup/12345-261202-0001").url_name == "lookup"
    assert lookup_wsgi.PATH.fullmatch("/api/v1/lookup/12345-261202-0001")
    assert not lookup_wsgi.PATH.fullmatch("/api/v1/lookup/12345/extra")

"""The hot public reads answered by xaso.core.front (the dossier lookup's JSON, the receivers'
playlists) are the answers the full stack gives: same status, body and every header, for a found
dossier (in each language, over HTTP and behind an HTTPS proxy) and for every refusal, which the
full stack answers; each request is counted once; every receiver of the request signals hears
them; and the path that answered is the one expected."""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve, reverse

from xaso.core.request_context import current_ip
from xaso.onestop import lookup

PER_CLIENT = settings.ONESTOP_LOOKUP_PER_CLIENT

pytestmark = pytest.mark.django_db
HTTPS = {
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 3600,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
}


def lookup_path(code: str) -> str:
    return reverse("api:lookup", kwargs={"code": code})


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def front():
    from xaso.wsgi import application

    return application


@pytest.fixture
def full_calls(front, monkeypatch):
    """The paths the front handed to the full stack."""
    calls = []
    full = front.full

    def counting(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return full(environ, start_response)

    monkeypatch.setattr(front, "full", counting)
    return calls


@pytest.fixture
def heard():
    """Every request signal sent, Django's receiver that closes old connections kept off (it
    would close the test's connection in the middle of its transaction, as the test client
    keeps it off)."""
    sent = []

    def started(**kwargs):
        sent.append("started")

    def finished(**kwargs):
        sent.append("finished")

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    signals.request_started.connect(started)
    signals.request_finished.connect(finished)
    yield sent
    signals.request_started.disconnect(started)
    signals.request_finished.disconnect(finished)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@contextmanager
def started_with(**changed):
    """These settings, as a server started with them has them: the full stack's middleware read
    theirs when built."""
    from xaso.wsgi import django_application

    try:
        with override_settings(**changed):
            django_application.load_middleware()
            yield
    finally:
        django_application.load_middleware()


def call(environ):
    from xaso.wsgi import application

    seen = []
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        answer = application(environ, lambda status, headers: seen.append((status, headers)))
        body = b"".join(answer)
        answer.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
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


def test_a_found_dossier_is_answered_by_the_front(file_birth, walk, client, full_calls, heard):
    dossier = walk(file_birth(), "start")
    url = f"{lookup_path(dossier.code)}?token={dossier.token}"
    status, headers, body = call(RequestFactory().get(url).environ)
    assert heard == ["started", "finished"]  # the request's signals, once each
    assert (status, headers, body) == full_stack(client, url)
    assert status == 200 and dossier.code.encode() in body and b'"timeline": [{' in body
    assert b"0912000001" not in body and dossier.token.encode() not in body and b"Tr\\u1ea7n" not in body
    assert ("Content-Length", str(len(body))) in headers
    assert full_calls == []


def test_the_phone_digits_and_a_repeated_parameter(file_birth, client, full_calls):
    dossier = file_birth()
    status, _headers, _body = same_answer(client, f"{lookup_path(dossier.code)}?phone_last4=0001")
    assert status == 200
    # As request.GET.get: the last value counts.
    url = f"{lookup_path(dossier.code)}?token=wrong&token={dossier.token}&utm_source=qr"
    assert same_answer(client, url)[0] == 200
    assert full_calls == []


def test_the_english_cookie_and_the_headers_per_language(file_birth, client, full_calls):
    dossier = file_birth()
    url = f"{lookup_path(dossier.code)}?token={dossier.token}"
    client.cookies["django_language"] = "en"
    status, headers, body = same_answer(client, url, HTTP_COOKIE="django_language=en; other=1")
    assert status == 200 and ("Content-Language", "en") in headers and b"Submitted" in body
    del client.cookies["django_language"]
    status, headers, body = same_answer(client, url)
    assert ("Content-Language", "vi") in headers and b"Submitted" not in body
    assert full_calls == []


@pytest.mark.parametrize(
    ("query", "status"), [("?token=guessed", 404), ("", 422), ("?phone_last4=9999", 404)]
)
def test_refusals_go_to_the_full_stack(file_birth, client, full_calls, query, status):
    dossier = file_birth()
    got, _headers, body = same_answer(client, f"{lookup_path(dossier.code)}{query}")
    assert got == status and b'"status": %d' % status in body
    assert len(full_calls) == 1


def test_a_malformed_code(client, full_calls):
    got, _headers, body = same_answer(client, lookup_path("not a code") + "?token=x")
    assert got == 422 and b'"field": "code"' in body
    assert len(full_calls) == 1


def test_each_failure_is_counted_once_and_a_valid_token_never(file_birth, full_calls):
    dossier = file_birth()
    url = f"{lookup_path(dossier.code)}?token=wrong"
    statuses = [call(RequestFactory().get(url).environ)[0] for _ in range(PER_CLIENT + 1)]
    assert statuses[:PER_CLIENT] == [404] * PER_CLIENT and statuses[-1] == 429
    assert len(full_calls) == PER_CLIENT + 1  # every refusal is the full stack's answer
    valid = call(RequestFactory().get(f"{lookup_path(dossier.code)}?token={dossier.token}").environ)
    assert valid[0] == 200 and len(full_calls) == PER_CLIENT + 1


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted(file_birth):
    dossier = file_birth()
    url = f"{lookup_path(dossier.code)}?token=wrong"
    factory = RequestFactory()
    with started_with(XASO_TRUSTED_PROXIES=["127.0.0.1"]):
        first = [
            call(factory.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7").environ)[0]
            for _ in range(PER_CLIENT + 1)
        ]
        other = call(factory.get(url, HTTP_X_FORWARDED_FOR="203.0.113.8").environ)[0]
        found = f"{lookup_path(dossier.code)}?token={dossier.token}"
        assert call(factory.get(found, HTTP_X_FORWARDED_FOR="203.0.113.7").environ)[0] == 200
    assert first[-1] == 429 and other == 404


def test_behind_an_https_proxy_the_headers_are_the_full_stacks(file_birth, full_calls):
    dossier = file_birth()
    url = f"{lookup_path(dossier.code)}?token={dossier.token}"
    with started_with(**HTTPS):
        status, headers, _body = same_answer(Client(), url, HTTP_X_FORWARDED_PROTO="https")
        assert status == 200
        assert ("Strict-Transport-Security", "max-age=3600; includeSubDomains") in headers
        assert full_calls == []
        # Plain HTTP: redirected by the full stack.
        status, headers, _body = same_answer(Client(), url)
        assert status == 301 and len(full_calls) == 1
    status, headers, _body = same_answer(Client(), url)  # the settings back: read afresh
    assert status == 200 and not any(name == "Strict-Transport-Security" for name, _value in headers)


def test_a_changed_setting_changes_the_headers(file_birth, client):
    dossier = file_birth()
    url = f"{lookup_path(dossier.code)}?token={dossier.token}"
    assert ("Referrer-Policy", "same-origin") in same_answer(client, url)[1]
    with started_with(SECURE_REFERRER_POLICY="no-referrer", X_FRAME_OPTIONS="SAMEORIGIN"):
        headers = same_answer(Client(), url)[1]  # a client whose stack is built with them
    assert ("Referrer-Policy", "no-referrer") in headers and ("X-Frame-Options", "SAMEORIGIN") in headers


def test_an_unknown_host_is_refused_by_the_full_stack(file_birth, full_calls):
    dossier = file_birth()
    environ = RequestFactory().get(f"{lookup_path(dossier.code)}?token=x", HTTP_HOST="evil.example").environ
    assert call(environ)[0] == 400 and len(full_calls) == 1


def test_a_failure_is_answered_and_logged_as_django_does(file_birth, monkeypatch, full_calls, caplog):
    dossier = file_birth()

    def broken(code):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(lookup, "lookup_rows", broken)
    status, _headers, body = call(
        RequestFactory().get(f"{lookup_path(dossier.code)}?token={dossier.token}").environ
    )
    assert status == 500 and b"database went away" not in body
    assert len(full_calls) == 1
    assert any(
        r.name == "django.request" and r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records
    )


def test_another_receiver_of_the_request_signals_changes_nothing(file_birth, client, full_calls, heard):
    dossier = file_birth()
    url = f"{lookup_path(dossier.code)}?token={dossier.token}"
    assert same_answer(client, url)[0] == 200
    assert full_calls == [] and heard[:2] == ["started", "finished"]


def test_the_client_address_is_cleared_after_the_answer(file_birth):
    dossier = file_birth()
    url = f"{lookup_path(dossier.code)}?token={dossier.token}"
    assert call(RequestFactory().get(url, REMOTE_ADDR="203.0.113.9").environ)[0] == 200
    assert current_ip() is None


def test_head_writes_a_session_and_other_paths_go_to_the_full_stack(file_birth, front):
    dossier = file_birth()
    url = f"{lookup_path(dossier.code)}?token={dossier.token}"
    factory = RequestFactory()
    assert front.match(factory.get(url).environ) is not None
    assert front.match(factory.head(url).environ) is None
    assert front.match(factory.post(url).environ) is None
    assert front.match(factory.get(f"/tra-cuu/?ma={dossier.code}&t={dossier.token}").environ) is None
    assert front.match(factory.get("/api/v1/dossiers/").environ) is None
    assert front.match(factory.get(f"{lookup_path(dossier.code)}/extra").environ) is None


def test_a_visitor_with_a_session_gets_the_full_stacks_answer(file_birth, full_calls):
    dossier = file_birth()
    url = f"{lookup_path(dossier.code)}?token={dossier.token}"
    assert call(RequestFactory().get(url, HTTP_COOKIE="sessionid=abc").environ)[0] == 200
    assert len(full_calls) == 1


def test_each_hot_route_is_the_urlconfs(front):
    for shape in front.shapes():
        sample = shape.route.converters and {name: 12345 for name in shape.route.converters}
        path = reverse(shape.route.name, kwargs=sample)
        assert shape.pattern.fullmatch(path) and resolve(path).view_name == shape.route.name


def test_the_lookup_page_answers_as_before(file_birth, client):
    # The page goes the full way (sessions, CSRF): a plain GET for it through xaso.wsgi.
    dossier = file_birth()
    url = f"/tra-cuu/?ma={dossier.code}&t={dossier.token}"
    status, _headers, body = same_answer(client, url)
    assert status == 200 and dossier.code in body.decode()

"""The public lookup's JSON (`GET /api/v1/lookup/{code}`) found and answered ahead of Django's
request handling, for the plain case; everything else is answered by the lean chain
(xaso/core/lean_wsgi.py), so by Django's own code.

A province serves this one request thousands of times a second (the QR code on every receipt).
Through the lean chain, building Django's request and response objects and running the chain's
hooks around the lookup cost more CPU than the lookup (about 0.3 ms against 0.25 ms). Here a
request whose host is allowed, that needs no HTTPS redirect and whose query string is plain
text is looked up directly (`lookup_dossier`, the service every other path uses), and a found
dossier is answered with the headers the lean chain's own response hooks give a JSON answer:
they are learned once per language and scheme by running those hooks on a prototype response,
and forgotten when a setting changes. A refusal (wrong token, rate limit, bad code) or a failure
is handed to the lean chain with its outcome as the view, so its status, body, headers and log
line are Django's. tests/onestop/test_lookup_fast_path.py compares every answer with the full
middleware stack's."""

import re
from http import HTTPStatus
from typing import NamedTuple
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.urls import ResolverMatch
from django.utils import translation

from xaso.core import request_upkeep
from xaso.core.api.problems import domain_problem
from xaso.core.errors import DomainError
from xaso.core.forwarded import real_client, trusted_networks
from xaso.core.lean_wsgi import LEAN_MIDDLEWARE, LeanHandler
from xaso.core.request_context import reset_current_ip, set_current_ip
from xaso.onestop.lookup import lookup_dossier, lookup_json_body

PATH = re.compile(r"/api/v1/lookup/(?P<code>[^/]+)")
JSON = "application/json; charset=utf-8"


class _Config(NamedTuple):
    """What the fast path reads of the settings, read once (a settings read costs a few
    microseconds: thirty of them were a tenth of the answer) and again after a change."""

    usable: bool  # no debug query log, no www or user-agent rules, every lean layer in place
    allowed_hosts: list
    ssl_redirect: bool
    proxy_ssl_header: tuple | None
    cookie: str
    languages: frozenset
    default_language: str
    networks: tuple
    query_parsing: dict  # QueryDict's arguments to parse_qsl


_cache: dict = {}  # "config" -> _Config; (language, scheme) -> the lean chain's JSON headers


def _forget(**_kwargs) -> None:
    _cache.clear()


setting_changed.connect(_forget)


def _config(lean: LeanHandler) -> _Config:
    found = _cache.get("config")
    if found is None:
        found = _cache["config"] = _Config(
            usable=len(lean.layers) == len(LEAN_MIDDLEWARE)  # it dropped none (not in MIDDLEWARE)
            and not (settings.DEBUG or settings.PREPEND_WWW or settings.DISALLOWED_USER_AGENTS)
            and not settings.USE_X_FORWARDED_HOST,
            allowed_hosts=list(settings.ALLOWED_HOSTS),
            ssl_redirect=settings.SECURE_SSL_REDIRECT,
            proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
            cookie=settings.LANGUAGE_COOKIE_NAME,
            languages=frozenset(code for code, _name in settings.LANGUAGES),
            default_language=settings.LANGUAGE_CODE,
            networks=trusted_networks(),
            query_parsing={
                "keep_blank_values": True,
                "encoding": settings.DEFAULT_CHARSET,
                "max_num_fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
            },
        )
    return found


def with_lookup_fast_path(application, lean: LeanHandler):
    """`application`, with the plain public lookups answered here; `lean` answers the rest
    of the lookups (it must route PATH to xaso.onestop.api.lookup_json)."""

    def app(environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET":
            found = PATH.fullmatch(environ.get("PATH_INFO", ""))
            if found is not None:
                config = _config(lean)
                scheme = _scheme(environ, config)
                if _plain(environ, config, scheme):
                    return _serve(environ, start_response, found["code"], lean, config, scheme)
        return application(environ, start_response)

    return app


def _plain(environ, config: _Config, scheme: str) -> bool:
    """Whether this request needs nothing of what the lean chain's request hooks may do to it
    beyond what `_serve` does: a usable configuration, no receiver on the request signals
    but Django's, an allowed Host header, no HTTPS redirect, an ASCII path and query string."""
    if not config.usable or not request_upkeep.quiet():
        return False
    domain, _port = split_domain_port(_host(environ, scheme))
    if not (domain and validate_host(domain, config.allowed_hosts)):
        return False
    if config.ssl_redirect and scheme != "https":
        return False
    return environ["PATH_INFO"].isascii() and environ.get("QUERY_STRING", "").isascii()


def _host(environ, scheme: str) -> str:
    """HttpRequest._get_raw_host, without the forwarded host (the fast path is off with it)."""
    host = environ.get("HTTP_HOST")
    if host is None:  # an HTTP/1.0 client: rebuilt as PEP 333 says
        host, port = environ["SERVER_NAME"], str(environ.get("SERVER_PORT", ""))
        if port != ("443" if scheme == "https" else "80"):
            host = f"{host}:{port}"
    return host


def _scheme(environ, config: _Config) -> str:
    """HttpRequest.scheme, read from the environ."""
    if config.proxy_ssl_header:
        header, secure_value = config.proxy_ssl_header
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def _serve(environ, start_response, code: str, lean: LeanHandler, config: _Config, scheme: str):
    try:  # what request.GET.get would give: the last value of each name
        query = dict(parse_qsl(environ.get("QUERY_STRING", ""), **config.query_parsing))
    except ValueError:  # too many fields: the lean chain answers as Django does
        return lean(environ, start_response)
    cookies = environ.get("HTTP_COOKIE")
    chosen = parse_cookie(cookies).get(config.cookie) if cookies else None
    language = chosen if chosen in config.languages else config.default_language
    client = real_client(
        environ.get("REMOTE_ADDR", ""), environ.get("HTTP_X_FORWARDED_FOR", ""), config.networks
    )
    request_upkeep.started()
    translation.activate(language)
    try:
        body, headers = _answer(environ, code, query, client, (language, scheme), lean)
    except Exception as exc:  # noqa: BLE001  (answered by the lean chain, below)
        request_upkeep.finished()
        environ[LeanHandler.MATCH] = ResolverMatch(_outcome(exc), (), {"code": code}, route=PATH.pattern)
        return lean(environ, start_response)
    start_response(f"{HTTPStatus.OK.value} {HTTPStatus.OK.phrase}", headers)
    return _Body(body)


def _answer(environ, code, query, client, variant: tuple[str, str], lean) -> tuple[bytes, list]:
    """The found dossier's JSON, as lookup_json writes it, and its headers."""
    ip_token = set_current_ip(client or None)  # as RequestContextMiddleware: for the audit chain
    try:
        found = lookup_dossier(
            code=code, token=query.get("token", ""), phone_last4=query.get("phone_last4", ""), client=client
        )
        body = lookup_json_body(found)
    finally:
        reset_current_ip(ip_token)
    length = str(len(body))
    headers = _headers(environ, variant, lean)
    return body, [(name, length if name == "Content-Length" else value) for name, value in headers]


def _outcome(exc):
    """A view giving the lookup's outcome as lookup_json would: the problem of a refusal, or
    the failure raised again for Django to log and answer."""

    def view(request, code):
        if isinstance(exc, DomainError):
            return domain_problem(exc)
        raise exc

    return view


def _headers(environ, variant: tuple[str, str], lean: LeanHandler) -> list:
    """The headers the lean chain's response hooks give a found lookup's JSON in this
    (language, scheme) (Content-Length to be filled in)."""
    found = _cache.get(variant)
    if found is None:
        request = WSGIRequest(dict(environ))
        request.LANGUAGE_CODE = variant[0]
        response = HttpResponse(b"", content_type=JSON)
        for hook in reversed(lean.responding):
            if hook is not None:
                response = hook(request, response)
        found = _cache[variant] = [*response.items()]
    return found


class _Body(list):
    """The answer's body; closing it (the server does, after sending) ends the request's upkeep."""

    def __init__(self, body: bytes):
        super().__init__([body])

    def close(self):
        request_upkeep.finished()

"""One small front for the hottest public reads, ahead of the full Django stack, on documented API.

A province answers the public dossier lookup (the QR code on every receipt) and the radio
receivers' playlist polls thousands of times a second; the full middleware stack (sessions,
authentication, CSRF, two-factor, messages, login throttling) costs more than their query. The
front answers such a request itself when the full stack would do nothing to it but what the
front does here, and hands every other request to the full stack (Django's WSGIHandler).

- **Routes** (`Route`) are declared once, by URL name, in xaso/wsgi.py; their paths come from the
  URLconf (`reverse`), their parameters are parsed by the converters the URLconf uses (each
  converter's documented `regex` and `to_python`). tests/onestop/test_front_matches_full_stack.py
  checks every route resolves to the URL name it declares.
- **Requests** it answers: GET, no session cookie, an allowed host (`HttpRequest.get_host`), no
  HTTPS redirect due, a configuration whose header-making middleware are all in MIDDLEWARE and
  which sets none of DEBUG, PREPEND_WWW, DISALLOWED_USER_AGENTS. The request signals are sent as
  Django's handler sends them (`request_started`, `request_finished`), so every receiver hears
  them. The request gets what the full stack's request hooks would give it: the client behind a
  trusted proxy (`forwarded.real_client`), the language of the cookie, the client address for the
  audit chain.
- **An answer** is the route's view (`answer(request, **kwargs)`): an HttpResponse, or None to
  hand the request to the full stack (a refusal the full stack answers and counts itself); an
  exception is handed over too, so the full stack answers, and logs, the failure.
- **Headers** are the ones the full stack's response hooks add to an anonymous answer, declared
  once here (`shaping_headers`), from the same settings; tests/onestop/test_front_matches_full_stack.py
  compares status, body and every header with the full stack's."""

import re
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core import signals
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.urls import get_script_prefix, reverse
from django.utils import translation

from xaso.core.csp import built_policies, policy_headers
from xaso.core.forwarded import real_client, trusted_networks
from xaso.core.request_context import reset_current_ip, set_current_ip

# The full stack's middleware whose response hooks make the headers `shaping_headers` declares:
# a deployment without one of them is served by the full stack alone.
SHAPING_MIDDLEWARE = (
    "xaso.core.forwarded.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "xaso.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "xaso.core.middleware.PrivacyHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xaso.core.csp.CSPMiddleware",
    "xaso.core.middleware.RequestContextMiddleware",
)
_MARK = 918273645  # a parameter value every converter accepts, to find it in a reversed path


class Route(NamedTuple):
    """A hot route: its URL name, the view answering it here, its parameters' converters."""

    name: str
    answer: Callable[..., HttpResponse | None]
    converters: dict


class _Shape(NamedTuple):
    pattern: re.Pattern
    route: Route


class _Config(NamedTuple):
    """What the front reads of the settings, read once and again after a change."""

    usable: bool
    ssl_redirect: bool
    session_cookie: str
    language_cookie: str
    languages: frozenset
    default_language: str
    networks: tuple
    headers: dict  # is_secure -> the declared headers


def route(name: str, answer: Callable[..., HttpResponse | None], **converters) -> Route:
    """Declare a hot route: `converters` maps each URL parameter to the converter class the
    URLconf uses for it (django.urls.converters.StringConverter for `<str:…>`)."""
    return Route(name, answer, converters)


def shaping_headers(*, secure: bool) -> dict[str, str]:
    """The headers the full stack's response hooks give an anonymous answer (but the language's
    and the length, which depend on the request): SecurityMiddleware's, the permissions policy
    (PrivacyHeadersMiddleware), X-Frame-Options, the CSP, Vary: Cookie (LanguageMiddleware)."""
    headers = {"Vary": "Cookie"}
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers["X-Content-Type-Options"] = "nosniff"
    if secure and settings.SECURE_HSTS_SECONDS:
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers["Strict-Transport-Security"] = hsts
    referrer = settings.SECURE_REFERRER_POLICY
    if referrer:
        values = referrer.split(",") if isinstance(referrer, str) else referrer
        headers["Referrer-Policy"] = ",".join(v.strip() for v in values)
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers["Cross-Origin-Opener-Policy"] = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    if settings.PERMISSIONS_POLICY:
        headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS.upper()
    headers.update(policy_headers())
    return headers


class Front:
    """The WSGI application: the hot routes answered here, everything else by `full`."""

    def __init__(self, full, routes: list[Route]):
        self.full = full
        self.routes = routes
        self._shapes: list[_Shape] | None = None
        self._config: _Config | None = None
        setting_changed.connect(self._forget, weak=False)

    def _forget(self, **_kwargs) -> None:
        self._config = None

    def shapes(self) -> list[_Shape]:
        """Each route's path as the URLconf reverses it, its parameters as their converters'
        patterns (built at the first request: the URLconf is loaded by then)."""
        if self._shapes is None:
            prefix = get_script_prefix()
            shapes = []
            for hot in self.routes:
                path = "/" + reverse(hot.name, kwargs=dict.fromkeys(hot.converters, _MARK))[len(prefix) :]
                pattern = re.escape(path)
                for name, converter in hot.converters.items():
                    pattern = pattern.replace(str(_MARK), f"(?P<{name}>{converter.regex})", 1)
                shapes.append(_Shape(re.compile(pattern), hot))
            self._shapes = shapes
        return self._shapes

    def config(self) -> _Config:
        found = self._config
        if found is None:
            found = self._config = _Config(
                usable=all(m in settings.MIDDLEWARE for m in SHAPING_MIDDLEWARE)
                and not (settings.DEBUG or settings.PREPEND_WWW or settings.DISALLOWED_USER_AGENTS)
                and built_policies() is not None,  # no CSP prefix excluded
                ssl_redirect=settings.SECURE_SSL_REDIRECT,
                session_cookie=settings.SESSION_COOKIE_NAME,
                language_cookie=settings.LANGUAGE_COOKIE_NAME,
                languages=frozenset(code for code, _name in settings.LANGUAGES),
                default_language=settings.LANGUAGE_CODE,
                networks=trusted_networks(),
                headers={secure: shaping_headers(secure=secure) for secure in (False, True)},
            )
        return found

    def match(self, environ) -> tuple[Route, dict] | None:
        """The hot route this request takes and its parameters, or None for the full stack."""
        if environ.get("REQUEST_METHOD") != "GET":
            return None
        path = environ.get("PATH_INFO", "")
        for shape in self.shapes():
            found = shape.pattern.fullmatch(path)
            if found is not None:
                try:
                    kwargs = {
                        name: converter().to_python(found[name])
                        for name, converter in shape.route.converters.items()
                    }
                except ValueError:  # the converter refuses it: the URLconf would not match
                    return None
                return shape.route, kwargs
        return None

    def __call__(self, environ, start_response):
        matched = self.match(environ)
        if matched is None:
            return self.full(environ, start_response)
        config = self.config()
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if not config.usable or config.session_cookie in cookies:
            return self.full(environ, start_response)  # a signed-in visitor's answer is private
        request = WSGIRequest(dict(environ))  # its META is changed below: the full stack's stays
        try:
            request.get_host()
        except DisallowedHost:
            return self.full(environ, start_response)  # refused there, as Django refuses it
        secure = request.is_secure()
        if config.ssl_redirect and not secure:
            return self.full(environ, start_response)  # redirected there
        signals.request_started.send(sender=self.__class__, environ=environ)
        response = self._answer(request, cookies, config, *matched)
        if response is None:
            signals.request_finished.send(sender=self.__class__)
            return self.full(environ, start_response)
        body = response.content
        headers = {
            **config.headers[secure],
            "Content-Language": request.LANGUAGE_CODE,
            **dict(response.items()),
            "Content-Length": str(len(body)),
        }
        cookies_set = [("Set-Cookie", c.output(header="")) for c in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", [*headers.items(), *cookies_set])
        return _Body(body, self.__class__)

    def _answer(self, request, cookies: dict, config: _Config, hot: Route, kwargs: dict):
        """The route's answer, with the request as the full stack's request hooks leave it."""
        chosen = cookies.get(config.language_cookie)
        language = chosen if chosen in config.languages else config.default_language
        translation.activate(language)
        request.LANGUAGE_CODE = language
        meta = request.META
        meta["REMOTE_ADDR"] = real_client(
            meta.get("REMOTE_ADDR", ""), meta.get("HTTP_X_FORWARDED_FOR", ""), config.networks
        )
        ip_token = set_current_ip(meta["REMOTE_ADDR"] or None)
        try:
            return hot.answer(request, **kwargs)
        except Exception:  # noqa: BLE001  (the full stack answers the request and logs the failure)
            return None
        finally:
            reset_current_ip(ip_token)


class _Body(list):
    """The answer's body; the server closes it after sending, which ends the request as
    Django's response does (request_finished)."""

    def __init__(self, body: bytes, sender):
        super().__init__([body])
        self.sender = sender

    def close(self):
        signals.request_finished.send(sender=self.sender)

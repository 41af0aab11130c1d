"""Public read-only pages answered through a shorter middleware chain.

The public dossier lookup is the one request a province serves thousands of times a second (QR
codes on every receipt), and it needs none of what most of xaso's middleware does: no session,
no signed-in user, no CSRF (it only reads), no two-factor, no messages, no login throttling.
Those layers cost about as much as the lookup's query itself. `with_lean_paths` sends such
requests to a Django handler whose chain keeps only what shapes a public answer: the client's
real address (rate limits), the security headers, the language cookie, allowed hosts, the CSP
header and the audit context. The URLconf, views, error handling and signals are Django's own,
so the answer is the one the full stack gives (tests/core/test_lean_wsgi.py compares them).

A request is lean when its method is GET or HEAD, its path is one of `LEAN_PATHS`, and (for a
page, whose header shows who is signed in) it carries no session cookie. Everything else goes
to the full application."""

import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.urls import ResolverMatch
from django.utils.module_loading import import_string

# The full chain (settings.MIDDLEWARE) minus what a public read needs not: sessions,
# authentication, OTP and two-factor, CSRF, messages, axes. Order as in settings.
LEAN_MIDDLEWARE = (
    "xaso.core.forwarded.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "xaso.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "xaso.core.lean_wsgi.AnonymousMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xaso.core.csp.CSPMiddleware",
    "xaso.core.middleware.RequestContextMiddleware",
    "xaso.core.middleware.DomainErrorMiddleware",
)

# (path prefix, whether a session cookie sends it to the full stack). The API lookup ignores
# who is signed in (auth=None); the lookup page shows it in its header.
LEAN_PATHS = (
    ("/api/v1/lookup/", False),
    ("/tra-cuu/", True),
)


class AnonymousMiddleware:
    """What AuthenticationMiddleware gives a visitor with no session: an anonymous user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = AnonymousUser()
        return self.get_response(request)


class LeanHandler(WSGIHandler):
    """Django's WSGI handler with `LEAN_MIDDLEWARE` instead of settings.MIDDLEWARE. `views`
    maps a path pattern (a regular expression with named groups) straight to a plain view,
    ahead of the URLconf: a view that answers as the URLconf's would, only cheaper."""

    def __init__(self, views: dict[str, str] | None = None):
        self.views = [(re.compile(pattern), import_string(view)) for pattern, view in (views or {}).items()]
        super().__init__()

    def resolve_request(self, request):
        for pattern, view in self.views:
            found = pattern.fullmatch(request.path_info)
            if found is not None:
                match = ResolverMatch(view, (), found.groupdict(), route=pattern.pattern)
                request.resolver_match = match
                return match
        return super().resolve_request(request)

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        handler = convert_exception_to_response(self._get_response)
        for path in reversed(LEAN_MIDDLEWARE):
            if path not in settings.MIDDLEWARE and path != f"{__name__}.AnonymousMiddleware":
                continue  # a deployment that dropped a layer drops it here too
            instance = import_string(path)(handler)
            if hasattr(instance, "process_view"):
                self._view_middleware.insert(0, instance.process_view)
            if hasattr(instance, "process_template_response"):
                self._template_response_middleware.append(instance.process_template_response)
            if hasattr(instance, "process_exception"):
                self._exception_middleware.append(instance.process_exception)
            handler = convert_exception_to_response(instance)
        self._middleware_chain = handler


def is_lean(environ) -> bool:
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    path = environ.get("PATH_INFO", "")
    for prefix, needs_no_session in LEAN_PATHS:
        if path.startswith(prefix):
            return not (needs_no_session and _has_session(environ))
    return False


def _has_session(environ) -> bool:
    return f"{settings.SESSION_COOKIE_NAME}=" in environ.get("HTTP_COOKIE", "")


def with_lean_paths(application, views: dict[str, str] | None = None):
    lean = LeanHandler(views)

    def app(environ, start_response):
        if is_lean(environ):
            return lean(environ, start_response)
        return application(environ, start_response)

    return app

"""Public read-only pages answered through a shorter middleware chain.

The public dossier lookup is the one request a province serves thousands of times a second (QR
codes on every receipt), and it needs none of what most of xaso's middleware does: no session,
no signed-in user, no CSRF (it only reads), no two-factor, no messages, no login throttling.
Those layers cost about as much as the lookup's query itself. `with_lean_paths` sends such
requests to a Django handler whose chain keeps only what shapes a public answer: the client's
real address (rate limits), the security headers, the language cookie, allowed hosts, the CSP
header and the audit context. The URLconf, views, error handling and signals are Django's own,
so the answer is the one the full stack gives (tests/onestop/test_lookup_lean_path.py
compares them).

The routes are one table (xaso/wsgi.py): a path pattern, the view that answers it, and whether
it is a page (whose header shows who is signed in). A request is lean when its method is GET or
HEAD, its path matches a route, and, for a page, it carries no session cookie; it then goes
straight to the route's view, ahead of the URLconf. Everything else goes to the full
application. (The lookup's JSON for a found dossier is answered earlier still, by
xaso/onestop/lookup_wsgi.py, with the headers this chain gives.)"""

import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.exception import convert_exception_to_response, response_for_exception
from django.core.handlers.wsgi import WSGIHandler, get_script_name
from django.urls import ResolverMatch, set_script_prefix
from django.utils.deprecation import MiddlewareMixin
from django.utils.module_loading import import_string

from xaso.core import request_upkeep

# The full chain (settings.MIDDLEWARE) minus what a public read needs not: sessions,
# authentication, OTP and two-factor, CSRF, messages, axes. Order as in settings.
LEAN_MIDDLEWARE = (
    "xaso.core.forwarded.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "xaso.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "xaso.core.lean_wsgi.AnonymousMiddleware",
    "xaso.core.middleware.PrivacyHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xaso.core.csp.CSPMiddleware",
    "xaso.core.middleware.RequestContextMiddleware",
    "xaso.core.middleware.DomainErrorMiddleware",
)


class AnonymousMiddleware(MiddlewareMixin):
    """What AuthenticationMiddleware gives a visitor with no session: an anonymous user."""

    def process_request(self, request):
        request.user = AnonymousUser()


class LeanHandler(WSGIHandler):
    """Django's WSGI handler with `LEAN_MIDDLEWARE` instead of settings.MIDDLEWARE, for the
    requests `route` accepts. `routes` maps a path pattern (a regular expression with named
    groups) to (the dotted path of a view answering it as the URLconf's would, only cheaper;
    whether it is a page that a session cookie sends to the full stack)."""

    MATCH = "xaso.lean_match"  # where `route` leaves its match for `resolve_request`

    def __init__(self, routes: dict[str, tuple[str, bool]]):
        self.routes = [
            (re.compile(pattern), import_string(view), page) for pattern, (view, page) in routes.items()
        ]
        super().__init__()

    def route(self, environ) -> ResolverMatch | None:
        """The route this request takes through the lean chain, or None for the full stack."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        path = environ.get("PATH_INFO", "")
        for pattern, view, page in self.routes:
            found = pattern.fullmatch(path)
            if found is not None:
                if page and _has_session(environ):
                    return None
                return ResolverMatch(view, (), found.groupdict(), route=pattern.pattern)
        return None

    def __call__(self, environ, start_response):
        """WSGIHandler's, with the request's upkeep done directly when only Django's own
        receivers listen to the request signals (xaso.core.request_upkeep)."""
        if not request_upkeep.quiet():
            return super().__call__(environ, start_response)
        set_script_prefix(get_script_name(environ))
        request_upkeep.started()
        request = self.request_class(environ)
        response = self.get_response(request)
        response._handler_class = self.__class__
        start_response(
            f"{response.status_code} {response.reason_phrase}",
            [*response.items(), *(("Set-Cookie", c.output(header="")) for c in response.cookies.values())],
        )
        if response.streaming:
            return response  # closed by the server: request_finished is sent
        return request_upkeep.Finishing(response)

    def resolve_request(self, request):
        match = request.META.get(self.MATCH) or self.route(request.META)
        if match is None:  # called without `with_lean_paths` on a path it would not send here
            return super().resolve_request(request)
        request.resolver_match = match
        return match

    def load_middleware(self, is_async=False):
        """The chain as a list of middleware whose hooks `get_response` runs in one loop,
        instead of Django's ten nested callables (one wrapped in each layer's exception
        handler): the same hooks in the same order, with exceptions answered at the same
        layer. Each layer must be written as hooks (MiddlewareMixin without its own
        `__call__`), as all of `LEAN_MIDDLEWARE` are."""
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self.layers = []
        for path in LEAN_MIDDLEWARE:
            if path not in settings.MIDDLEWARE and path != f"{__name__}.AnonymousMiddleware":
                continue  # a deployment that dropped a layer drops it here too
            layer = import_string(path)(_never_called)
            if type(layer).__call__ is not MiddlewareMixin.__call__:
                raise ImproperlyConfigured(f"{path} must be written as hooks to run in the lean chain")
            self.layers.append(layer)
            if hasattr(layer, "process_view"):
                self._view_middleware.append(layer.process_view)
            if hasattr(layer, "process_template_response"):
                self._template_response_middleware.insert(0, layer.process_template_response)
            if hasattr(layer, "process_exception"):
                self._exception_middleware.insert(0, layer.process_exception)
        self.requesting = [getattr(layer, "process_request", None) for layer in self.layers]
        self.responding = [getattr(layer, "process_response", None) for layer in self.layers]
        self._inner = convert_exception_to_response(self._get_response)
        self._middleware_chain = self._run_layers

    def _run_layers(self, request):
        """What Django's nested chain does: each layer's process_request top down until one
        answers; the view (through `_get_response`: view, exception and template hooks); then
        process_response bottom up from the deepest layer whose process_request ran (an answer
        from process_request counts, an exception does not). An exception in a hook becomes
        Django's error response at that layer, as convert_exception_to_response makes it."""
        response = None
        reached = len(self.layers)
        for depth, hook in enumerate(self.requesting):
            if hook is None:
                continue
            try:
                response = hook(request)
            except Exception as exc:  # noqa: BLE001  (Django's own handling, below)
                response, reached = response_for_exception(request, exc), depth
                break
            if response is not None:
                reached = depth + 1
                break
        if response is None:
            response = self._inner(request)
        for depth in range(reached - 1, -1, -1):
            hook = self.responding[depth]
            if hook is None:
                continue
            try:
                response = hook(request, response)
            except Exception as exc:  # noqa: BLE001
                response = response_for_exception(request, exc)
        return response


def _never_called(request):
    raise AssertionError("a lean layer's get_response is never called: the handler runs its hooks")


def _has_session(environ) -> bool:
    return f"{settings.SESSION_COOKIE_NAME}=" in environ.get("HTTP_COOKIE", "")


def with_lean_paths(application, lean: LeanHandler):
    """`application`, with the requests `lean` routes answered by it."""

    def app(environ, start_response):
        match = lean.route(environ)
        if match is None:
            return application(environ, start_response)
        environ[LeanHandler.MATCH] = match
        return lean(environ, start_response)

    return app

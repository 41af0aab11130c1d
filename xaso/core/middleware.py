from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin

from xaso.core.errors import DomainError
from xaso.core.request_context import reset_current_ip, set_current_ip

# The middleware below are written as hooks (process_request, process_response, …), as Django's
# own are. xaso.core.front declares the headers their response hooks give an anonymous answer.


class RequestContextMiddleware(MiddlewareMixin):
    """Makes the client address available to the audit chain for the length of the request."""

    def process_request(self, request):
        request._xaso_ip_token = set_current_ip(request.META.get("REMOTE_ADDR") or None)

    def process_response(self, request, response):
        # Django turns an exception below into a response, so this runs after every view.
        token = getattr(request, "_xaso_ip_token", None)
        if token is not None:
            reset_current_ip(token)
            del request._xaso_ip_token
        return response


class DomainErrorMiddleware(MiddlewareMixin):
    """A domain error escaping a page view becomes the matching error page with its message,
    never a 500. API views handle their own (problem bodies)."""

    TEMPLATES = {403: "403.html", 404: "404.html"}

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        template = self.TEMPLATES.get(exception.status, "error.html")
        return render(
            request,
            template,
            {"message": exception.message, "title": exception.title},
            status=exception.status,
        )


class LanguageMiddleware(MiddlewareMixin):
    """Vietnamese unless the person chose otherwise (the language cookie). The browser's
    Accept-Language is not followed: many phones in Vietnam are set to English."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.available = {code for code, _name in settings.LANGUAGES}

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)  # set by process_request
        patch_vary_headers(response, ["Cookie"])
        return response


# Pages and files with personal data are kept by no browser or proxy: commune halls have shared
# counter PCs, where the next visitor's Back button must not show the last one's dossier.
PRIVATE = "private, no-store"


def personal_data(view):
    """Marks a view whose answer carries personal data even for a visitor who is not signed in
    (a tracking code's report, a signed document by its code): PrivacyHeadersMiddleware keeps
    it out of every cache, as it does every answer to a signed-in user."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.carries_personal_data = True
        return response

    return marked


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)  # a token-authenticated API request sets it too
    return user is not None and user.is_authenticated


class PrivacyHeadersMiddleware(MiddlewareMixin):
    """The one place that decides whether an answer may be cached: `Cache-Control: private,
    no-store` on every answer to a signed-in user (pages, files, exports, the API with a token)
    and on views marked `personal_data`; anonymous public pages are left as their views made
    them. Also the Permissions-Policy header (settings.PERMISSIONS_POLICY): no page uses the
    camera, microphone, location or other device features, so none may be asked for."""

    def process_response(self, request, response):
        policy = settings.PERMISSIONS_POLICY
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        if getattr(response, "carries_personal_data", False) or _signed_in(request):
            response["Cache-Control"] = PRIVATE
            response.headers.pop("ETag", None)
            response.headers.pop("Last-Modified", None)
        return response

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from xaso.core.errors import DomainError
from xaso.core.request_context import reset_current_ip, set_current_ip


class RequestContextMiddleware:
    """Makes the client address available to the audit chain for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_current_ip(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            reset_current_ip(token)


class DomainErrorMiddleware:
    """A domain error escaping a page view becomes the matching error page with its message,
    never a 500. API views handle their own (problem bodies)."""

    TEMPLATES = {403: "403.html", 404: "404.html"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

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


class LanguageMiddleware:
    """Vietnamese unless the person chose otherwise (the language cookie). The browser's
    Accept-Language is not followed: many phones in Vietnam are set to English."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response

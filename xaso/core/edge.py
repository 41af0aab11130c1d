"""Requests refused at the door: a NUL character in the path, the query string or a form field.

PostgreSQL cannot store or compare text holding NUL, so `/thu-tuc/%00/` or `?q=%00` was a 500
on every page or operation that looked the value up (found by tests/security/
test_no_url_answers_5xx.py on PostgreSQL). No valid code, name or search holds one: the request
is a 400 before any view runs (a problem body for the API). Form and JSON bodies are refused
field by field where they are read (Django's form fields, xaso.core.api.schemas.In)."""

from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

from xaso.core.api.problems import problem_response

API_PREFIX = "/api/"


def _nul_field(request) -> str | None:
    if "\x00" in request.path:
        return "path"
    # A url-encoded form too: Django parses it from the cached body, so the view (or an API
    # operation reading request.body) still can. A multipart body is left to the form fields
    # (they refuse NUL): parsing it here would consume the stream that a CSRF-exempt view or
    # an API operation reads as request.body (RawPostDataException, a 500).
    form = request.method == "POST" and request.content_type == "application/x-www-form-urlencoded"
    for query in (request.GET, request.POST) if form else (request.GET,):
        for name, values in query.lists():
            if "\x00" in name or any("\x00" in v for v in values):
                return name.replace("\x00", "") or "query"
    return None


class NulRefusedMiddleware(MiddlewareMixin):
    def process_request(self, request):
        field = _nul_field(request)
        if field is None:
            return None
        message = _("The request holds a character that is not allowed (NUL).")
        if request.path.startswith(API_PREFIX):
            return problem_response(
                400, message, errors=[{"field": field, "message": message}], code="invalid"
            )
        return render(request, "400.html", status=400)

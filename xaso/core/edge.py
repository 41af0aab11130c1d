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
URLENCODED = "application/x-www-form-urlencoded"


def _nul_in(query) -> str | None:
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in v for v in values):
            return name.replace("\x00", "") or "query"
    return None


def _nul_field(request) -> str | None:
    if "\x00" in request.path:
        return "path"
    field = _nul_in(request.GET)
    # A url-encoded form too: Django parses it from the cached body, so the view (or an API
    # operation reading request.body) still can.
    if field is None and request.method == "POST" and request.content_type == URLENCODED:
        field = _nul_in(request.POST)
    return field


def _refused(request, field: str):
    message = _("The request holds a character that is not allowed (NUL).")
    if request.path.startswith(API_PREFIX):
        return problem_response(400, message, errors=[{"field": field, "message": message}], code="invalid")
    return render(request, "400.html", status=400)


class NulRefusedMiddleware(MiddlewareMixin):
    def process_request(self, request):
        field = _nul_field(request)
        return None if field is None else _refused(request, field)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # A multipart form is read only for a view that CsrfViewMiddleware reads it for anyway:
        # parsing it for a CSRF-exempt view or an API operation would consume the stream that
        # they read as request.body (RawPostDataException, a 500).
        if request.method != "POST" or request.content_type == URLENCODED:
            return None
        if getattr(view_func, "csrf_exempt", False):
            return None
        field = _nul_in(request.POST)
        return None if field is None else _refused(request, field)

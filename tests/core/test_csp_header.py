"""The Content-Security-Policy header built once is the header django-csp would build, and
anything that makes a response's policy its own (a decorator, a nonce) still gets its own."""

import pytest
from csp.constants import NONCE
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from xaso.core.csp import CSPMiddleware

pytestmark = pytest.mark.django_db


def _through(middleware_class, prepare=lambda request, response: None):
    request = RequestFactory().get("/")
    response = HttpResponse("ok")

    def view(req):
        prepare(req, response)
        return response

    middleware = middleware_class(view)
    return middleware(request)


def test_the_header_is_the_one_django_csp_builds():
    ours = _through(CSPMiddleware)["Content-Security-Policy"]
    assert ours == _through(DjangoCSPMiddleware)["Content-Security-Policy"]
    assert "default-src 'self'" in ours and "frame-ancestors 'none'" in ours


def test_a_changed_policy_changes_the_header(settings):
    _through(CSPMiddleware)
    shipped = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert _through(CSPMiddleware)["Content-Security-Policy"] == "default-src 'none'"
    settings.CONTENT_SECURITY_POLICY = shipped
    assert "default-src 'self'" in _through(CSPMiddleware)["Content-Security-Policy"]


def test_a_response_with_its_own_policy_keeps_it():
    def own(request, response):
        response._csp_update = {"img-src": ["https://tiles.example.vn"]}

    header = _through(CSPMiddleware, own)["Content-Security-Policy"]
    assert "https://tiles.example.vn" in header


def test_a_used_nonce_is_in_the_header(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
    seen = {}

    def use_nonce(request, response):
        seen["nonce"] = str(request.csp_nonce)

    header = _through(CSPMiddleware, use_nonce)["Content-Security-Policy"]
    assert f"'nonce-{seen['nonce']}'" in header


def test_a_page_served_through_the_stack_carries_the_header(client):
    response = client.get("/")
    assert response["Content-Security-Policy"] == _through(DjangoCSPMiddleware)["Content-Security-Policy"]

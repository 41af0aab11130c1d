from django.test import Client
from django.urls import path

from xaso.urls import urlpatterns as real_urlpatterns


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [*real_urlpatterns, path("__broken__", broken_view)]
handler500 = "xaso.web.views.errors.server_error"


def test_a_server_error_shows_a_vietnamese_page_without_details(db, settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/__broken__")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Lỗi hệ thống" in body
    assert "RuntimeError" not in body


def test_a_form_without_its_security_token_gets_a_vietnamese_page(db):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/dang-nhap/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()

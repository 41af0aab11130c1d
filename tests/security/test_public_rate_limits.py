"""Public endpoints that attract abuse answer 429 past their limit: a Vietnamese page for the
pages, a problem body for the API. Limits are set to one request here so the second is refused."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

ONE_EACH = {
    scope: (1, 600)
    for scope in (
        "feedback.submit",
        "feedback.track",
        "community.ack",
        "documents.verify",
        "accounts.register",
        "economy.trace",
    )
}

PAGES = [
    ("post", "/cong-dong/xa/00000/phan-anh/gui/"),
    ("get", "/cong-dong/phan-anh/KHONGCO/"),
    ("get", "/cong-dong/xac-nhan/khong-co-ma-nay/"),
    ("post", "/xac-thuc/"),
    ("post", "/dang-ky/"),
    ("get", "/truy-xuat/KHONGCO/"),
]


@pytest.fixture(autouse=True)
def limits(settings):
    cache.clear()
    settings.XASO_RATE_LIMITS = ONE_EACH
    yield
    cache.clear()


@pytest.mark.parametrize(("method", "url"), PAGES)
def test_a_public_page_refuses_the_request_past_its_limit_in_vietnamese(client, method, url):
    first = getattr(client, method)(url)
    assert first.status_code != 429
    second = getattr(client, method)(url)
    assert second.status_code == 429
    assert "Quá nhiều" in second.content.decode() or "quá nhiều" in second.content.decode()


def test_another_client_is_not_held_back_by_the_first(client):
    client.get("/truy-xuat/KHONGCO/", REMOTE_ADDR="10.0.0.1")
    assert client.get("/truy-xuat/KHONGCO/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/truy-xuat/KHONGCO/", REMOTE_ADDR="10.0.0.2").status_code != 429


def test_the_verification_api_answers_a_problem_body_past_its_limit(client):
    def send():
        return client.post("/api/v1/verify", {"file": SimpleUploadedFile("a.pdf", b"not a pdf")})

    assert send().status_code != 429
    second = send()
    assert second.status_code == 429
    assert second["Content-Type"] == "application/problem+json"
    assert second.json()["status"] == 429

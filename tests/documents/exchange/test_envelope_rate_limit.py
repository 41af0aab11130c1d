"""The public envelope endpoint is rate limited per sending address (xaso.core.ratelimit), and a
sender that meets a limit (429) retries later instead of giving the delivery up as refused."""

import pytest
import requests
from django.core.cache import cache

from tests.support.exchange import parts, post
from xaso.documents.exchange import delivery as exchange_delivery
from xaso.documents.exchange.delivery import deliveries_process
from xaso.documents.models import DeliveryStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_envelope_each(settings):
    cache.clear()
    settings.XASO_RATE_LIMITS = {"documents.exchange": (1, 600)}
    yield
    cache.clear()


def test_past_its_limit_the_endpoint_answers_429_with_a_problem_body(client, delivery, one_envelope_each):
    assert post(client, parts(delivery)).status_code == 200
    again = post(client, parts(delivery))
    assert again.status_code == 429
    assert again["Content-Type"] == "application/problem+json"
    assert again.json()["status"] == 429
    other = client.post("/api/v1/exchange/envelopes", {}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code != 429  # another address is not held back


def test_junk_counts_against_the_limit_too(client, one_envelope_each):
    assert post(client, {"envelope": b"{}", "signature": b"x", "pdf": b"y"}).status_code != 429
    assert post(client, {"envelope": b"{}", "signature": b"x", "pdf": b"y"}).status_code == 429


def test_a_sender_told_429_tries_again_later(delivery, monkeypatch):
    answer = requests.Response()
    answer.status_code = 429
    answer._content = b'{"status": 429}'
    monkeypatch.setattr(exchange_delivery.requests, "post", lambda *a, **kw: answer)
    assert deliveries_process() == {"pending": 1}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.next_attempt_at is not None
    assert "HTTP 429" in delivery.last_error

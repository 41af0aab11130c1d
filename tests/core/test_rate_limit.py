"""The shared limiter: a fixed window per scope and client, tunable per deployment."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from xaso.core.errors import RateLimited
from xaso.core.ratelimit import Limit, client_of, limit_hit, limit_request

SAMPLE = Limit("test.sample", 3, 60)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_requests_past_the_limit_are_refused_with_429():
    for _ in range(3):
        limit_hit(SAMPLE, "a")
    with pytest.raises(RateLimited) as refused:
        limit_hit(SAMPLE, "a")
    assert refused.value.status == 429


def test_each_client_and_each_scope_has_its_own_count():
    for _ in range(3):
        limit_hit(SAMPLE, "a")
    with pytest.raises(RateLimited):
        limit_hit(SAMPLE, "a")  # "a" has used its three in this scope…
    assert limit_hit(SAMPLE, "b") is None  # …another client has not
    assert limit_hit(Limit("test.other", 3, 60), "a") is None  # …nor has "a" in another scope
    for _ in range(2):
        limit_hit(SAMPLE, "b")
    with pytest.raises(RateLimited):
        limit_hit(SAMPLE, "b")  # "b" counted its own three, not "a"'s


def test_a_deployment_can_tune_a_limit(settings):
    settings.XASO_RATE_LIMITS = {"test.sample": (1, 60)}
    limit_hit(SAMPLE, "a")
    with pytest.raises(RateLimited):
        limit_hit(SAMPLE, "a")


def test_the_client_is_its_hashed_address_and_only_named_methods_count():
    factory = RequestFactory()
    get = factory.get("/", REMOTE_ADDR="10.0.0.1")
    assert "10.0.0.1" not in client_of(get) and client_of(get) != client_of(
        factory.get("/", REMOTE_ADDR="10.0.0.2")
    )
    for _ in range(5):
        limit_request(get, SAMPLE, methods=("POST",))
    post = factory.post("/", REMOTE_ADDR="10.0.0.1")
    for _ in range(3):
        limit_request(post, SAMPLE, methods=("POST",))
    with pytest.raises(RateLimited):
        limit_request(post, SAMPLE, methods=("POST",))

"""One small rate limiter for public endpoints, on Django's cache: a fixed-window counter per
(scope, who). With the default local-memory cache the counts are per process; production sets a
shared cache (Redis, `XASO_REDIS_URL`) so the limits hold across granian workers and servers.

Limits are named here, beside their reasons, and may be tuned per deployment (or per test) with
the `XASO_RATE_LIMITS` setting: {scope: (requests, window_seconds)}."""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from xaso.core.errors import RateLimited


@dataclass(frozen=True)
class Limit:
    scope: str
    requests: int
    window: int
    message: str = _("Too many requests. Wait a few minutes and try again.")

    def effective(self) -> tuple[int, int]:
        return settings.XASO_RATE_LIMITS.get(self.scope, (self.requests, self.window))


# Many people share one address behind a mobile carrier's NAT: limits stop scripts, not villages.
FEEDBACK_SUBMIT = Limit(
    "feedback.submit", 10, 600, _("Too many reports sent. Wait a few minutes and try again.")
)
FEEDBACK_TRACK = Limit("feedback.track", 60, 60)
ACKNOWLEDGE = Limit("community.ack", 60, 60)
VERIFY_UPLOAD = Limit(
    "documents.verify", 20, 600, _("Too many files checked. Wait a few minutes and try again.")
)
# Envelopes from other agencies (POST /api/v1/exchange/envelopes): each costs a CMS and a PDF
# check before the sender is known. A province sending one circular to every commune of another
# instance stays under it; past it the sender's queue retries later (429 is not a refusal).
EXCHANGE_DELIVER = Limit("documents.exchange", 300, 600)
REGISTER = Limit("accounts.register", 20, 3600, _("Too many accounts created from here. Try again later."))
# Registration codes sent to one phone or e-mail (xaso.accounts.registration): a number cannot be
# flooded with messages by strangers registering it.
SIGNUP_CODE = Limit(
    "accounts.signup_code", 3, 3600, _("Too many codes sent to this number. Try again in an hour.")
)
TRACE = Limit("economy.trace", 120, 60)
# Audit of sign-ins (xaso.accounts.signin): events written to the chain per account and per client
# address; past them events are counted, not written, and the next written one says how many.
SIGNIN_AUDIT_ACCOUNT = Limit("accounts.signin_audit", 10, 900)
SIGNIN_AUDIT_CLIENT = Limit("accounts.signin_audit_client", 60, 900)
# Tokens one account may be issued (POST /api/v1/auth/token): an integration needs a few a day.
TOKEN_ISSUE = Limit("accounts.token_issue", 20, 3600, _("Too many tokens issued. Try again later."))


def client_of(request) -> str:
    """Who is asking, as far as a public endpoint can tell: the client address, hashed."""
    return hashlib.sha256((request.META.get("REMOTE_ADDR") or "").encode()).hexdigest()[:32]


def _window_key(limit: Limit, who: str, slot: int) -> str:
    return f"ratelimit:{limit.scope}:{who}:{slot}"


def limit_count(limit: Limit, who: str) -> int:
    """Count one event of `who` against `limit` without refusing it; return the count in the
    current window (callers that thin out rather than refuse, e.g. audit of sign-in failures)."""
    _requests, window = limit.effective()
    slot = int(time.time() // window)
    key = _window_key(limit, who, slot)
    # Kept two windows so that the next window can still read how this one ended.
    cache.add(key, 0, 2 * window + 1)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, 2 * window + 1)
        return 1


def limit_count_before(limit: Limit, who: str) -> int:
    """How many events of `who` the window before the current one counted."""
    _requests, window = limit.effective()
    return cache.get(_window_key(limit, who, int(time.time() // window) - 1), 0)


def limit_hit(limit: Limit, who: str) -> None:
    """Count one request of `who` against `limit`; raise RateLimited (429) past it."""
    if limit_count(limit, who) > limit.effective()[0]:
        raise RateLimited(limit.message, code="rate_limited")


def limit_request(request, limit: Limit, *, methods: tuple[str, ...] = ("GET", "HEAD", "POST")) -> None:
    """Count a request from its client when its method is one of `methods`."""
    if request.method in methods:
        limit_hit(limit, client_of(request))

"""A back-off on a signing key's passphrase or PIN: wrong tries are counted per (signer,
certificate); after `FREE_TRIES` wrong ones the certificate is locked for that signer for 15
minutes, and each further wrong try after a lock doubles the next one (up to a day). A right
secret clears the count. Without it a stolen leader's session could try passphrases against a
PKCS#12 file as fast as the server signs (a PKCS#11 token locks itself; a PKCS#12 file does not).

The counts are kept in the default cache, as the rate limits are (xaso.core.ratelimit): shared by
every worker in production (Redis), per process with the local-memory cache."""

import time
from datetime import UTC, datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.errors import RateLimited

FREE_TRIES = 5
FIRST_LOCK_SECONDS = 15 * 60
LONGEST_LOCK_SECONDS = 24 * 3600
KEEP_SECONDS = 7 * 24 * 3600  # a count is forgotten after a week without a wrong try


def _key(actor, credential) -> str:
    return f"signing.secret:{actor.pk}:{credential._meta.label_lower}:{credential.pk}"


def secret_tries_check(*, actor, credential) -> None:
    """Raise RateLimited (on the field `secret`) while `actor` is locked out of `credential`."""
    state = cache.get(_key(actor, credential))
    if state and state["until"] > time.time():
        until = timezone.localtime(datetime.fromtimestamp(state["until"], tz=UTC))
        raise RateLimited(
            _(
                "The passphrase or PIN was wrong too many times for this certificate. "
                "Try again after %(time)s."
            )
            % {"time": until.strftime("%H:%M %d/%m/%Y")},
            field="secret",
            code="secret_locked",
        )


def secret_wrong(*, actor, credential) -> None:
    """Count a wrong secret; from the `FREE_TRIES`-th on, lock for a growing time."""
    key = _key(actor, credential)
    wrong = (cache.get(key) or {"wrong": 0})["wrong"] + 1
    until = 0.0
    if wrong >= FREE_TRIES:
        lock = FIRST_LOCK_SECONDS * 2 ** min(wrong - FREE_TRIES, 10)
        until = time.time() + min(lock, LONGEST_LOCK_SECONDS)
    cache.set(key, {"wrong": wrong, "until": until}, KEEP_SECONDS)


def secret_right(*, actor, credential) -> None:
    cache.delete(_key(actor, credential))

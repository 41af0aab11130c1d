"""How often the public lookup may be answered "not found" before it backs off.

Only failures are counted (a wrong token, wrong digits, an unknown code): a citizen opening their
own dossier again and again costs nothing, and a village behind one carrier's NAT is not locked
out by its own successes.

- A valid QR token is always answered. The token is long and random: nobody guesses it, so the
  lookup never holds a token holder back for what others did (a stranger's failures on the same
  code, or on the same address).
- The last 4 digits of the phone are a small secret (10,000 values), so the digits path of each
  code backs off after failures from anyone: `PER_CODE` failures in `CODE_WINDOW` (5 in 15
  minutes) lock it for 15 minutes, each further lock twice as long as the one before (up to
  `LOCK_CAP`, remembered for `STRIKE_MEMORY`), and at most `PER_CODE_DAY` failures a day. A
  brute force therefore needs years (tests/onestop/test_lookup_back_off.py computes it). While
  a code is locked even the right digits are refused (else the lock would not stop a guesser);
  the citizen still has the QR token on the receipt and their own account.
- Each client address may fail `PER_CLIENT` times a minute (a script walking codes); past it
  the digits path answers 429 before any query, a failed token lookup answers 429.

Unknown codes are counted and locked exactly like known ones, so a 429 never tells that a code
exists. The counts live in Django's default cache: production sets a shared one (Redis) so they
hold across workers and restarts. The three counts (`PER_CLIENT`, `PER_CODE`, `PER_CODE_DAY`)
are the settings `ONESTOP_LOOKUP_PER_CLIENT`, `_PER_CODE`, `_PER_CODE_DAY` (xaso/settings.py),
tuned per deployment."""

import hashlib

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.utils.translation import gettext as _

from xaso.core.errors import RateLimited

CLIENT_WINDOW = 60
CODE_WINDOW = 15 * 60
DAY = 24 * 3600
LOCK_BASE = CODE_WINDOW
LOCK_CAP = 7 * DAY
STRIKE_MEMORY = 60 * DAY

PREFIX = "onestop:lookup:fail"


def client_key(client: str) -> str:
    return f"{PREFIX}:client:{hashlib.sha256(client.encode()).hexdigest()[:32]}"


def code_keys(code: str) -> tuple[str, str, str, str]:
    """(failures this window, failures today, locks so far, the lock) of one code's digits path."""
    base = f"{PREFIX}:code:{code}"
    return f"{base}:window", f"{base}:day", f"{base}:strikes", f"{base}:lock"


def lock_seconds(strikes: int) -> int:
    """How long the `strikes`-th lock of a code lasts: 15 minutes, then twice as long each time."""
    return min(LOCK_BASE * 2 ** min(max(strikes - 1, 0), 32), LOCK_CAP)


def too_many_clients() -> RateLimited:
    return RateLimited(_("Too many lookups. Wait a minute and try again."))


def digits_check(*, code: str, client: str) -> None:
    """Before the digits of a code are compared: refuse (429) while the code is locked, has had
    its day's failures, or the client has had its minute's. One cache call."""
    _window, day, _strikes, lock = code_keys(code)
    who = client_key(client)
    counts = caches[DEFAULT_CACHE_ALIAS].get_many([who, day, lock])
    if counts.get(who, 0) >= settings.ONESTOP_LOOKUP_PER_CLIENT:
        raise too_many_clients()
    if lock in counts or counts.get(day, 0) >= settings.ONESTOP_LOOKUP_PER_CODE_DAY:
        raise RateLimited(
            _(
                "Too many wrong tries for this dossier code. Scan the QR code on your receipt, "
                "or try again later."
            )
        )


def _count(cache, key: str, timeout: int) -> int:
    """Add one to `key`, created with `timeout` when it is new (or has just expired)."""
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        return 1 if cache.add(key, 1, timeout) else cache.incr(key)


def failure_record(*, code: str, client: str, digits: bool) -> bool:
    """Count one failed lookup: the client's, and for the digits path the code's (locking the
    code when its window is full). Returns whether the client is now past its limit."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    over = _count(cache, client_key(client), CLIENT_WINDOW) > settings.ONESTOP_LOOKUP_PER_CLIENT
    if digits:
        window, day, strikes, lock = code_keys(code)
        _count(cache, day, DAY)
        if _count(cache, window, CODE_WINDOW) >= settings.ONESTOP_LOOKUP_PER_CODE:
            strike = _count(cache, strikes, STRIKE_MEMORY)
            cache.touch(strikes, STRIKE_MEMORY)
            cache.set(lock, strike, lock_seconds(strike))
            cache.delete(window)
    return over

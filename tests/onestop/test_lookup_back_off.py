"""The public lookup counts failures only. A valid QR token is always answered, whatever others
tried; the phone-digits path of a code backs off after failures from anyone (5 in 15 minutes,
then locks twice as long each time, and a daily cap), so guessing 4 digits takes years; a client
is held back by its own failures only."""

import time

import pytest
from django.conf import settings
from django.core.cache import cache

from xaso.core.errors import NotFound, RateLimited
from xaso.onestop import lookup_limits
from xaso.onestop.lookup import lookup_dossier
from xaso.onestop.lookup_limits import digits_check, failure_record, lock_seconds

PER_CLIENT = settings.ONESTOP_LOOKUP_PER_CLIENT
PER_CODE = settings.ONESTOP_LOOKUP_PER_CODE

pytestmark = pytest.mark.django_db
RIGHT = "0001"  # the last 4 digits of BIRTH_DATA's phone


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _fail(dossier, digits: str, client: str):
    with pytest.raises((NotFound, RateLimited)) as refused:
        lookup_dossier(code=dossier.code, phone_last4=digits, client=client)
    return refused.value


def test_a_citizen_looking_up_their_own_dossier_is_never_counted(file_birth):
    dossier = file_birth()
    for _ in range(PER_CLIENT * 3):
        by_token = lookup_dossier(code=dossier.code, token=dossier.token, client="10.0.0.1")
        by_digits = lookup_dossier(code=dossier.code, phone_last4=RIGHT, client="10.0.0.1")
        assert by_token["code"] == by_digits["code"] == dossier.code


def test_a_valid_qr_token_works_after_a_hundred_wrong_tries_from_many_clients(file_birth):
    dossier = file_birth()
    for n in range(100):
        _fail(dossier, f"{9000 + n}", client=f"10.1.{n}.1")
        with pytest.raises((NotFound, RateLimited)):
            lookup_dossier(code=dossier.code, token=f"wrong{n}", client=f"10.2.{n}.1")
    assert lookup_dossier(code=dossier.code, token=dossier.token, client="10.1.0.1")["code"] == dossier.code
    assert lookup_dossier(code=dossier.code, token=dossier.token, client="10.9.9.9")["code"] == dossier.code


def test_a_valid_token_works_even_from_an_address_past_its_failures(file_birth):
    # Many citizens share one address behind a carrier's NAT: the token is never guessed, so
    # nobody's failures hold a token holder back.
    dossier = file_birth()
    for n in range(PER_CLIENT + 5):
        with pytest.raises((NotFound, RateLimited)):
            lookup_dossier(code=dossier.code, token=f"wrong{n}", client="10.0.0.7")
    assert lookup_dossier(code=dossier.code, token=dossier.token, client="10.0.0.7")["code"] == dossier.code


def test_the_digits_path_backs_off_per_code_even_for_the_right_digits(file_birth):
    dossier, other = file_birth(), file_birth()
    for n in range(PER_CODE):
        assert isinstance(_fail(dossier, f"99{n:02d}", client=f"10.3.{n}.1"), NotFound)
    # Locked: even the right digits are refused (else the lock would not stop a guesser) …
    assert isinstance(_fail(dossier, RIGHT, client="10.4.0.1"), RateLimited)
    # … but the QR token still opens it, and another code is untouched.
    assert lookup_dossier(code=dossier.code, token=dossier.token, client="10.4.0.1")["code"] == dossier.code
    assert lookup_dossier(code=other.code, phone_last4=RIGHT, client="10.4.0.1")["code"] == other.code


def test_an_unknown_code_backs_off_like_a_known_one_so_a_429_tells_nothing():
    code = "99999-260101-0001"
    for n in range(PER_CODE):
        with pytest.raises(NotFound):
            lookup_dossier(code=code, phone_last4=f"99{n:02d}", client=f"10.5.{n}.1")
    with pytest.raises(RateLimited):
        lookup_dossier(code=code, phone_last4="0001", client="10.6.0.1")


def test_a_client_is_held_back_by_its_own_failures_only(file_birth):
    dossier = file_birth()
    codes = [f"99999-2601{n:02d}-0001" for n in range(PER_CLIENT)]
    for code in codes:  # one failure per code: no code locks, the client does
        with pytest.raises(NotFound):
            lookup_dossier(code=code, phone_last4="1234", client="10.7.0.1")
    with pytest.raises(RateLimited):
        lookup_dossier(code=dossier.code, phone_last4=RIGHT, client="10.7.0.1")
    assert lookup_dossier(code=dossier.code, phone_last4=RIGHT, client="10.7.0.2")["code"] == dossier.code


def test_each_lock_lasts_twice_as_long_as_the_one_before_up_to_a_week():
    assert [lock_seconds(n) // 60 for n in (1, 2, 3, 4)] == [15, 30, 60, 120]
    assert lock_seconds(40) == lookup_limits.LOCK_CAP == 7 * 24 * 3600


def test_guessing_four_digits_takes_years(monkeypatch):
    # The fastest guesser the policy allows, on a clock run forward: it tries as soon as it
    # is let, from a new address each time (the per-client limit does not bind it).
    now = [1_700_000_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    code, tries, hour = "15469-261201-0001", 0, 3600
    for step in range(365 * 24):
        for _attempt in range(PER_CODE + 1):
            try:
                digits_check(code=code, client=f"guesser-{step}")
            except RateLimited:
                break
            failure_record(code=code, client=f"guesser-{step}", digits=True)
            tries += 1
        now[0] += hour
    # A year lets fewer than 500 of the 10,000 values be tried: half of them (the average
    # guess) takes more than ten years.
    assert tries < 500, tries

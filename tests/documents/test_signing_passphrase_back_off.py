"""A signing key's passphrase cannot be guessed at the server's speed: five wrong tries by one
signer on one certificate lock it for that signer for 15 minutes (then 30, 60… after each further
wrong try), with a Vietnamese message on the passphrase field; a right passphrase clears the count."""

import pytest
from django.utils import translation

from tests.support.signing import PASSPHRASE
from xaso.core.errors import InvalidInput, RateLimited
from xaso.documents.signing import secret_tries
from xaso.documents.signing.services import signed_result_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The back-off's clock, moved by hand."""
    now = [1_900_000_000.0]
    monkeypatch.setattr(secret_tries.time, "time", lambda: now[0])

    def advance(seconds):
        now[0] += seconds

    return advance


def _sign(actor, commune, credential, secret):
    return signed_result_create(
        actor=actor,
        commune=commune,
        title="Kết quả",
        html_or_pdf="<p>Kết quả</p>",
        credential=credential,
        secret=secret,
    )


def _wrong(actor, commune, credential, times=1):
    for _ in range(times):
        with pytest.raises(InvalidInput):
            _sign(actor, commune, credential, "sai-mat-khau")


def test_five_wrong_passphrases_lock_the_certificate_for_a_growing_time(
    media_root, commune, commune_leader, leader_credential, clock
):
    _wrong(commune_leader, commune, leader_credential, times=5)
    with translation.override("vi"), pytest.raises(RateLimited) as caught:
        _sign(commune_leader, commune, leader_credential, PASSPHRASE)  # even the right one
    assert caught.value.field == "secret" and caught.value.code == "secret_locked"
    assert "sai quá nhiều lần" in str(caught.value.message)
    clock(15 * 60 + 1)
    _wrong(commune_leader, commune, leader_credential)  # the sixth: locked twice as long
    clock(15 * 60 + 1)
    with pytest.raises(RateLimited):
        _sign(commune_leader, commune, leader_credential, PASSPHRASE)
    clock(15 * 60)
    assert _sign(commune_leader, commune, leader_credential, PASSPHRASE).pk


def test_a_right_passphrase_clears_the_count(media_root, commune, commune_leader, leader_credential, clock):
    _wrong(commune_leader, commune, leader_credential, times=4)
    assert _sign(commune_leader, commune, leader_credential, PASSPHRASE).pk
    _wrong(commune_leader, commune, leader_credential, times=4)
    assert _sign(commune_leader, commune, leader_credential, PASSPHRASE).pk

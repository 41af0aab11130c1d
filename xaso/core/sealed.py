"""Secrets kept encrypted at rest (TOTP keys), with a key that lives outside the database.

The key is settings.SEALING_KEYS: from XASO_SEALING_KEYS (comma-separated Fernet keys, the
first encrypts, every one decrypts, so a key can be rotated) or generated once into
var/sealing_key like the secret key. A database dump or backup alone does not reveal what is
sealed; the key must be backed up separately."""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


class UnsealError(Exception):
    """The stored value cannot be decrypted with any configured key (wrong or lost key)."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def _current() -> MultiFernet:
    return _fernet(tuple(settings.SEALING_KEYS))


def seal(text: str) -> str:
    return _current().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    try:
        return _current().decrypt(token.encode()).decode()
    except InvalidToken:
        raise UnsealError("a sealed value cannot be decrypted: check XASO_SEALING_KEYS") from None


class SealedTextField(models.TextField):
    """Clear text in Python, Fernet-encrypted in the database. It cannot be searched."""

    def from_db_value(self, value, expression, connection):
        return unseal(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return seal(value) if value else value

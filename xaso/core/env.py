"""Strict readers for settings taken from the environment.

A bad value stops the process at start-up with a message naming the variable, rather than
running with a silently wrong configuration.
"""

import base64
import binascii
import os
import secrets
import tempfile
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ImproperlyConfiguredEnv(Exception):
    pass


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfiguredEnv(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfiguredEnv(f"{name}={raw!r} is not an integer") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfiguredEnv(f"{name}={value} is below the minimum {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key_from(var_dir: Path) -> str:
    """The secret key: XASO_SECRET_KEY, or one generated once and kept in var/secret_key."""
    return key_from(var_dir, env="XASO_SECRET_KEY", filename="secret_key")


def audit_key_from(var_dir: Path) -> str:
    """The audit chain's HMAC key (xaso.core.audit): XASO_AUDIT_KEY, or one generated once and
    kept in var/audit_key. It lives outside the database so that someone who can write the
    database cannot re-hash the chain; a restore needs the same key to verify it."""
    return key_from(var_dir, env="XASO_AUDIT_KEY", filename="audit_key")


def key_from(var_dir: Path, *, env: str, filename: str) -> str:
    """A key from the environment variable `env` (at least 32 characters), else one generated
    once into var_dir/filename (mode 0600) and read back from there afterwards."""
    explicit = os.environ.get(env)
    if explicit:
        if len(explicit) < 32:
            raise ImproperlyConfiguredEnv(f"{env} must be at least 32 characters")
        return explicit
    # Written with a restrictive mode: the keys sign sessions, links and the audit chain.
    return key_file(var_dir / filename, secrets.token_urlsafe(50))


def key_file(path: Path, key: str) -> str:
    """The key kept in `path`, or `key` written there (mode 0600) when there is none yet.

    Two processes start at once under `make run` (the server and the task worker): the key is
    written whole to a temporary file and linked into place, so the one that loses the race
    reads the winner's key instead of failing or reading a half-written file."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
        os.link(temporary, path)
    except FileExistsError:
        return path.read_text().strip()
    finally:
        os.unlink(temporary)
    return key


def sealing_keys_from(var_dir: Path) -> list[str]:
    """Keys that encrypt secrets at rest (xaso.core.sealed): XASO_SEALING_KEYS (comma-separated
    Fernet keys, the first encrypts), or one generated once and kept in var/sealing_key."""
    explicit = env_list("XASO_SEALING_KEYS", [])
    for key in explicit:
        try:
            raw = base64.urlsafe_b64decode(key.encode())
        except (ValueError, binascii.Error):
            raw = b""
        if len(raw) != 32:
            raise ImproperlyConfiguredEnv(
                "XASO_SEALING_KEYS must hold Fernet keys (url-safe base64 of 32 bytes)"
            )
    if explicit:
        return explicit
    # Not in the database, not in a database backup: a dump alone does not reveal TOTP secrets.
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return [key_file(var_dir / "sealing_key", key)]

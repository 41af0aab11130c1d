"""The current request's client address, for the audit chain, without passing requests into
services. Set by RequestContextMiddleware; empty in commands and tasks."""

from contextvars import ContextVar

_ip: ContextVar[str | None] = ContextVar("xaso_request_ip", default=None)


def current_ip() -> str | None:
    return _ip.get()


def set_current_ip(value: str | None):
    return _ip.set(value)


def reset_current_ip(token) -> None:
    _ip.reset(token)

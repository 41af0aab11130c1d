"""The notify app's settings: a Django setting of the same name wins (tests override them),
else the environment variable `XASO_<NAME>`, else the default. Read at use, not at import."""

from django.conf import settings

from xaso.core.env import env_int, env_str

_DEFAULTS: dict[str, tuple[type, object]] = {
    # SMS through an HTTP gateway: POST JSON to this URL with a bearer token.
    "NOTIFY_SMS_URL": (str, ""),
    "NOTIFY_SMS_TOKEN": (str, ""),
    # Zalo Official Account API: base URL and the OA access token.
    "NOTIFY_ZALO_BASE_URL": (str, "https://openapi.zalo.me"),
    "NOTIFY_ZALO_TOKEN": (str, ""),
    # How long a worker may hold a message before another worker takes it over (crash recovery).
    "NOTIFY_LEASE_SECONDS": (int, 300),
    # Retries: the n-th failure waits base * 2**(n-1) seconds, capped; then the message is dead.
    "NOTIFY_RETRY_BASE_SECONDS": (int, 30),
    "NOTIFY_RETRY_MAX_SECONDS": (int, 3600),
    "NOTIFY_MAX_ATTEMPTS": (int, 6),
    "NOTIFY_HTTP_TIMEOUT_SECONDS": (int, 10),
}


def conf(name: str):
    if hasattr(settings, name):
        return getattr(settings, name)
    kind, default = _DEFAULTS[name]
    if kind is int:
        return env_int(f"XASO_{name}", default, minimum=0)
    return env_str(f"XASO_{name}", default)

"""The notify app's settings: a Django setting of the same name wins (tests override them),
else the environment variable `XASO_<NAME>`, else the default. Read at use, not at import.
The retry queue's settings (NOTIFY_LEASE_SECONDS, …) are read in settings.py (xaso.core.outbox)."""

from django.conf import settings

from xaso.core.env import env_int, env_str

_DEFAULTS: dict[str, tuple[type, object]] = {
    # SMS through an HTTP gateway: POST JSON to this URL with a bearer token.
    "NOTIFY_SMS_URL": (str, ""),
    "NOTIFY_SMS_TOKEN": (str, ""),
    # Zalo Official Account API: base URL and the OA access token.
    "NOTIFY_ZALO_BASE_URL": (str, "https://openapi.zalo.me"),
    "NOTIFY_ZALO_TOKEN": (str, ""),
    "NOTIFY_HTTP_TIMEOUT_SECONDS": (int, 10),
}


def conf(name: str):
    if hasattr(settings, name):
        return getattr(settings, name)
    kind, default = _DEFAULTS[name]
    if kind is int:
        return env_int(f"XASO_{name}", default, minimum=0)
    return env_str(f"XASO_{name}", default)

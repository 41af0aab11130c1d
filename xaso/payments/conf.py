"""Payment settings, read from Django settings when set there (tests), else the environment."""

from django.conf import settings

from xaso.core.env import env_int

# The largest single payment a commune asks for through a QR code; anything above is a typo
# or a matter for a different channel. XASO_PAYMENT_MAX_AMOUNT in đồng.
DEFAULT_MAX_AMOUNT = env_int("XASO_PAYMENT_MAX_AMOUNT", 500_000_000, minimum=1)


def max_amount() -> int:
    return int(getattr(settings, "PAYMENTS_MAX_AMOUNT", DEFAULT_MAX_AMOUNT))

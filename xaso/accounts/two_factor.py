"""Two-factor sign-in (TOTP, django-otp) for the roles whose mistakes cost most: commune leaders
(they sign results), province supervisors (they see a province) and system administrators.

After the password, such a person must give the 6-digit code of an authenticator app; on first
sign-in they enrol one by scanning a QR code. Until then every page but the enrolment, sign-out
and static files answers with a redirect to it (or 403 for the API)."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from xaso.accounts.models import TotpDevice
from xaso.accounts.roles import Role
from xaso.core.api.problems import problem_response

TWO_FACTOR_ROLES = frozenset({Role.COMMUNE_LEADER, Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN})
OPEN_PREFIXES = ("/xac-thuc-2-buoc/", "/dang-xuat/", "/static/", "/i18n/", "/healthz")


def needs_two_factor(user) -> bool:
    if not settings.REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.roles & TWO_FACTOR_ROLES) or user.is_superuser


def totp_device_pending(user) -> TotpDevice:
    """The device being enrolled (unconfirmed), created on first use."""
    device = TotpDevice.objects.filter(user=user, confirmed=False).first()
    return device or TotpDevice.objects.create(user=user, name="xaso", confirmed=False)


def has_confirmed_device(user) -> bool:
    return user_has_device(user, confirmed=True)


class TwoFactorRequiredMiddleware:
    """Holds a signed-in person who needs a second factor at the enrolment/verification page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and needs_two_factor(user)
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return problem_response(403, "two-factor verification required", code="two_factor_required")
            return redirect(f"{reverse('web:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)

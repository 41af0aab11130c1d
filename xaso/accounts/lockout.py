"""Sign-in lockout: one rule for every door that checks a password — the sign-in page
(`/dang-nhap/`), the admin's sign-in (`/quan-tri/login/`) and `POST /api/v1/auth/token`. All three
call `django.contrib.auth.authenticate` with the request, so django-axes sees each try; this module
tells axes WHO is being tried and adds a ceiling per account.

- Who: the account the identifier resolves to (`backends.user_by_login`), so "0912 345 678",
  "+84912345678", "091.234.5678" and "HANH@example.vn" all count against one account; when no
  account matches, the canonical identifier (the 10-digit phone, the lower-case e-mail), so an
  unknown number locks like a known one and the lock gives no hint which numbers have accounts.
- Limits: `AXES_FAILURE_LIMIT` wrong passwords for one account from one client address lock that
  address out of it; `XASO_LOGIN_ACCOUNT_CEILING` from all addresses together lock the account for
  everyone, so a botnet cannot try the account without end. Both for `AXES_COOLOFF_TIME` after the
  last try. The ceiling lets a stranger lock a citizen out for a while; the lockout page sends them
  to the commune office, and that is the price of not letting passwords be guessed.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from xaso.accounts.backends import user_by_login
from xaso.accounts.identity import canonical_identifier


def login_key(identifier: str) -> str:
    """What a sign-in try counts against: the resolved account's username, else the canonical
    identifier."""
    user = user_by_login(identifier)
    return user.get_username() if user is not None else canonical_identifier(identifier)


def axes_username(request, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE: the login key of the identifier being tried. Axes asks several
    times per try; the answer is kept on the request so the account is looked up once."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials is not None:
        identifier = credentials.get(field) or ""
    else:
        identifier = getattr(request, "POST", {}).get(field) or ""
    known = getattr(request, "xaso_login_keys", None)
    if known is None:
        known = {}
        if request is not None:
            request.xaso_login_keys = known
    if identifier not in known:
        known[identifier] = login_key(identifier)
    return known[identifier]


class LoginLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler (AXES_HANDLER) with the per-account ceiling added to its
    per-address limit: failures are stored as axes stores them, and the ceiling sums them over
    every address within the cool-off."""

    def account_failures(self, request, credentials: dict | None = None) -> int:
        total = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(total=Sum("failures_since_start"))["total"]
        return total or 0

    def over_ceiling(self, request, credentials: dict | None = None) -> bool:
        return self.account_failures(request, credentials) >= settings.XASO_LOGIN_ACCOUNT_CEILING

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or self.over_ceiling(request, credentials)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # The try that reaches the ceiling is answered as locked, like the one that reaches
        # the per-address limit.
        if request is not None and not request.axes_locked_out and self.over_ceiling(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials

"""What happens around every sign-in, whichever door it came through (`/dang-nhap/`, the admin's
`/quan-tri/login/`, registration's automatic sign-in, `POST /api/v1/auth/token`): Django's
`user_logged_in` and `user_login_failed` signals reach these two receivers, connected once in
`AccountsConfig.ready`, so no door can forget them.

- A staff member's session ends after a working day (`STAFF_SESSION_SECONDS`): officers share
  counters and PCs. Citizens keep the longer default on their own phone.
- Sign-ins and failed tries are written to the audit chain, thinned so that neither a password
  holder nor a guesser can flood it: at most `SIGNIN_AUDIT_ACCOUNT` events per account and
  `SIGNIN_AUDIT_CLIENT` per client address in a window; past that they are counted, and the next
  written event of the account says how many were not written (`unrecorded_before`).
"""

import hashlib
import logging

from django.conf import settings

from xaso.accounts.backends import user_by_login
from xaso.accounts.lockout import axes_username
from xaso.core.audit import audit_record
from xaso.core.ratelimit import (
    SIGNIN_AUDIT_ACCOUNT,
    SIGNIN_AUDIT_CLIENT,
    Limit,
    client_of,
    limit_count,
    limit_count_before,
)

log = logging.getLogger(__name__)


def is_staff_account(user) -> bool:
    return bool(user.active_memberships) or user.is_staff or user.is_superuser


def door_of(request) -> str:
    path = getattr(request, "path", "") or ""
    if path.startswith("/quan-tri/"):
        return "admin"
    if path.startswith("/api/"):
        return "api"
    return "page"


def _hashed(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _audit_allowed(limit: Limit, who: str) -> tuple[bool, int]:
    """Count one event; say whether it may be written and how many the previous window dropped."""
    allowed, _window = limit.effective()
    count = limit_count(limit, who)
    dropped_before = max(0, limit_count_before(limit, who) - allowed) if count == 1 else 0
    if count == allowed + 1:
        log.warning("sign-in audit thinned for %s: more than %s events in the window", limit.scope, allowed)
    return count <= allowed, dropped_before


def signin_audit(
    *, request, action: str, account_key: str, actor=None, target=None, summary: str = ""
) -> bool:
    """Write one sign-in event to the audit chain unless its account or client address is past
    its window's share; return whether it was written."""
    account_ok, dropped = _audit_allowed(SIGNIN_AUDIT_ACCOUNT, f"{action}:{_hashed(account_key)}")
    client_ok, _dropped = _audit_allowed(SIGNIN_AUDIT_CLIENT, client_of(request))
    if not (account_ok and client_ok):
        return False
    changes = {"door": door_of(request)}
    if dropped:
        changes["unrecorded_before"] = dropped
    audit_record(actor=actor, action=action, target=target, summary=summary, changes=changes)
    return True


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    """user_logged_in: the staff session's length, then the audit event."""
    if request is None:
        return
    if is_staff_account(user) and hasattr(request, "session"):
        request.session.set_expiry(settings.STAFF_SESSION_SECONDS)
    signin_audit(
        request=request,
        action="signin.success",
        account_key=user.get_username(),
        actor=user,
        target=user,
        summary=user.get_username(),
    )


def on_user_login_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    """user_login_failed: a failed try (wrong password, or any try while locked) is audited
    against the account it names, or as an unknown account (the identifier is not kept: it may
    be someone's mistyped phone number)."""
    if request is None:
        return
    account_key = axes_username(request, credentials)
    user = user_by_login(credentials.get(settings.AXES_USERNAME_FORM_FIELD) or "")
    signin_audit(
        request=request,
        action="signin.fail",
        account_key=account_key,
        target=user,
        summary=user.get_username() if user is not None else "unknown account",
    )

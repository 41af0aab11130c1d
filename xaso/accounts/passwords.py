"""Password change (signed in, knowing the current one) and reset (a one-time code sent to the
account's phone or e-mail). Both end the user's API tokens and their other sessions: Django
checks each session against a hash of the password, so a new password ends every session but
the one the view keeps (`update_session_auth_hash`).

Reset never tells whether an account exists: asking always answers the same, and a wrong code
for an unknown account is refused with the same message as for a known one. Accounts cannot
import notify (the app ladder), so the caller passes `send_code`, which sends it."""

import secrets
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from xaso.accounts.backends import user_by_login
from xaso.accounts.identity import canonical_identifier
from xaso.accounts.models import PasswordResetCode, User
from xaso.accounts.services import api_tokens_revoke
from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput, RateLimited
from xaso.core.ratelimit import Limit, limit_hit

CODE_LIFETIME = timedelta(minutes=15)
MAX_WRONG_CODES = 5
BACKOFF_SECONDS = 15 * 60
# Asking for codes: a person needs one or two; a script sending SMS at our cost is stopped.
RESET_REQUEST = Limit(
    "accounts.password_reset", 5, 3600, _("Too many codes asked for. Wait an hour and try again.")
)

SendCode = Callable[[User, str, str], None]


def _new_password_checked(user: User, password: str, *, field: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), field=field) from None


def _password_set(user: User, password: str, *, action: str, reason: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    api_tokens_revoke(user=user, reason=reason)
    audit_record(actor=user, action=action, target=user, summary=reason)


def password_change(*, actor: User, current_password: str, new_password: str) -> None:
    """Set a new password for the signed-in user. Rules: the current password is required; the
    new one passes Django's validators; the user's tokens are revoked and other sessions end."""
    if not actor.check_password(current_password or ""):
        raise InvalidInput(_("The current password is wrong."), field="current_password")
    _new_password_checked(actor, new_password, field="new_password")
    with transaction.atomic():
        _password_set(actor, new_password, action="password.change", reason="password changed")


def _who(identifier: str) -> str:
    return salted_hmac("xaso.password_reset.who", canonical_identifier(identifier)).hexdigest()[:32]


def _code_hash(user: User, code: str) -> str:
    return salted_hmac("xaso.password_reset.code", f"{user.pk}:{code}").hexdigest()


def password_reset_request(*, identifier: str, send_code: SendCode) -> None:
    """Send a one-time code to the account a phone number or e-mail names. Rules: answers the
    same whether or not an account exists; a phone gets an SMS, an e-mail an e-mail; a new code
    replaces any earlier one; it expires after 15 minutes; asking is rate limited."""
    identifier = (identifier or "").strip()
    if not identifier:
        raise InvalidInput(_("Enter your phone number or e-mail address."), field="identifier")
    limit_hit(RESET_REQUEST, _who(identifier))
    user = user_by_login(identifier)
    channel = "email" if "@" in identifier else "sms"
    address = (user.email if channel == "email" else user.phone) if user is not None else ""
    if user is None or not user.is_active or not address:
        return
    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    with transaction.atomic():
        PasswordResetCode.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
        PasswordResetCode.objects.create(
            user=user, code_hash=_code_hash(user, code), channel=channel, expires_at=now + CODE_LIFETIME
        )
        audit_record(actor=user, action="password.reset_request", target=user, summary=channel)
        send_code(user, channel, code)


def _backoff_key(identifier: str) -> str:
    return f"password_reset:failures:{_who(identifier)}"


def _failure_count(identifier: str) -> int:
    key = _backoff_key(identifier)
    cache.add(key, 0, BACKOFF_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, BACKOFF_SECONDS)
        return 1


def password_reset_confirm(*, identifier: str, code: str, new_password: str) -> User:
    """Set a new password with a code from `password_reset_request`. Rules: the code is used
    once and expires; after 5 wrong codes for one phone or e-mail every try is refused for 15
    minutes (and the code dies); the same message whether or not an account exists; the user's
    tokens are revoked and every session ends."""
    if (cache.get(_backoff_key(identifier)) or 0) >= MAX_WRONG_CODES:
        raise RateLimited(_("Too many wrong codes. Wait 15 minutes and ask for a new code."), field="code")
    wrong = InvalidInput(_("This code is wrong or has expired. Ask for a new code."), field="code")
    user = user_by_login(identifier)
    with transaction.atomic():
        pending = None
        if user is not None:
            pending = (
                PasswordResetCode.objects.select_for_update()
                .filter(user=user, used_at__isnull=True, expires_at__gt=timezone.now())
                .order_by("-created_at")
                .first()
            )
        code = (code or "").strip()
        if pending is None or not constant_time_compare(pending.code_hash, _code_hash(user, code)):
            if pending is not None:
                pending.attempts += 1
                if pending.attempts >= MAX_WRONG_CODES:
                    pending.used_at = timezone.now()
                pending.save(update_fields=["attempts", "used_at"])
            failures = _failure_count(identifier)
            if user is not None and failures == MAX_WRONG_CODES:
                audit_record(actor=user, action="password.reset_locked", target=user)
        else:
            _new_password_checked(user, new_password, field="new_password")
            pending.used_at = timezone.now()
            pending.save(update_fields=["used_at"])
            _password_set(user, new_password, action="password.reset", reason="password reset")
            return user
    raise wrong

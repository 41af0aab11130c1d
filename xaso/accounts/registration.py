"""Citizen registration in two steps: the details, then a one-time code.

1. `signup_start` checks the details (name, phone or e-mail, password, the commune and village
   the person chose by name) and keeps them, password
   hashed, in a `PendingSignup` with a 6-digit code for the caller to send (the web view sends it
   through notify: SMS to a phone, else e-mail). It does NOT look whether the phone or e-mail
   already has an account: a taken and a free number get the same answer, the same writes and
   the same message, so registration is no oracle of who has an account. The code goes to the
   number's owner either way.
2. `signup_confirm` takes the code. Only then is the account created, active; a number that
   already has an account is told so — to the person who just proved they hold it.

Wrong codes are counted per address: every fifth blocks the address, 15 minutes the first time,
doubling up to a day; starting again does not reset the count. Codes sent per address are capped
(`SIGNUP_CODE`) so a number cannot be flooded with messages.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from xaso.accounts.identity import email_clean, phone_clean
from xaso.accounts.models import CitizenProfile, PendingSignup, User
from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput, RateLimited
from xaso.core.ratelimit import SIGNUP_CODE, limit_hit
from xaso.core.text import fold_all
from xaso.places.models import Commune, Village

CODE_LIFETIME = timedelta(minutes=15)
TRIES_PER_BLOCK = 5
FIRST_BLOCK = timedelta(minutes=15)
LONGEST_BLOCK = timedelta(days=1)


@dataclass(frozen=True)
class SignupStarted:
    """What the caller needs to send the code and to ask for it back."""

    pending_id: int
    channel: str  # "sms" or "email"
    address: str
    full_name: str
    code: str


def _code_hash(pending_id: int, code: str) -> str:
    return salted_hmac("xaso.accounts.signup", f"{pending_id}:{code}").hexdigest()


def _blocked_message(until) -> str:
    return _("Too many wrong codes. Wait until %(time)s and try again.") % {
        "time": time_format(timezone.localtime(until), "H:i")
    }


def signup_start(
    *,
    full_name: str,
    phone: str = "",
    email: str = "",
    password: str,
    commune: Commune | None = None,
    village: Village | None = None,
) -> SignupStarted:
    """Check a registration's details and keep them until the code comes back. Rules: a name,
    a phone or an e-mail, a password that passes Django's validators; a village only within the
    chosen commune (both become the new profile's); the code goes to the phone
    if there is one (the e-mail is then kept as a contact on the profile, not as a sign-in
    name); whether the phone or e-mail already has an account is not looked at; an address
    blocked for wrong codes or sent too many codes is refused the same way whoever holds it."""
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise InvalidInput(_("Enter your full name."), field="full_name")
    phone = phone_clean(phone) if phone else ""
    email = email_clean(email)
    if not phone and not email:
        raise InvalidInput(_("Enter a phone number or an e-mail address."), field="phone")
    if village is not None and (commune is None or village.commune_id != commune.pk):
        raise InvalidInput(_("Choose a village of the commune you chose."), field="village")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), field="password") from None
    address, channel = (phone, "sms") if phone else (email, "email")
    now = timezone.now()
    with transaction.atomic():
        # get_or_create survives two registrations of one address racing; the lock then orders them.
        PendingSignup.objects.get_or_create(address=address, defaults={"expires_at": now})
        pending = PendingSignup.objects.select_for_update().get(address=address)
        if pending.blocked_until and pending.blocked_until > now:
            raise RateLimited(_blocked_message(pending.blocked_until), field="code")
        limit_hit(SIGNUP_CODE, hashlib.sha256(address.encode()).hexdigest()[:32])
        pending.full_name, pending.phone, pending.email = full_name, phone, email
        pending.password = make_password(password)
        pending.commune, pending.village = commune, village
        pending.expires_at = now + CODE_LIFETIME
        pending.code_hash = ""
        pending.save()
        code = f"{secrets.randbelow(10**6):06d}"
        pending.code_hash = _code_hash(pending.pk, code)
        pending.save(update_fields=["code_hash"])
    return SignupStarted(pending.pk, channel, address, full_name, code)


def _wrong_code(pending: PendingSignup, now) -> str:
    """Count a wrong code (committed even though the caller refuses); the message to show."""
    pending.failures += 1
    if pending.failures % TRIES_PER_BLOCK == 0:
        blocks = pending.failures // TRIES_PER_BLOCK
        pending.blocked_until = now + min(FIRST_BLOCK * 2 ** (blocks - 1), LONGEST_BLOCK)
    pending.save(update_fields=["failures", "blocked_until"])
    if pending.blocked_until and pending.blocked_until > now:
        return _blocked_message(pending.blocked_until)
    return _("This code is not right. Check the message and try again.")


def signup_confirm(*, pending_id: int, code: str) -> User:
    """Create the account once its code is given. Rules: the pending registration exists, is
    not blocked and its code has not expired; a wrong code counts towards the block; the phone
    or e-mail must not have an account by now (told only to whoever proved they hold it); the
    account and its profile are created active, audited, and the pending row goes."""
    now = timezone.now()
    refusal = None
    with transaction.atomic():
        pending = PendingSignup.objects.select_for_update().filter(pk=pending_id).first()
        if pending is None:
            raise InvalidInput(_("This registration is no longer waiting. Register again."), field="code")
        if pending.blocked_until and pending.blocked_until > now:
            raise RateLimited(_blocked_message(pending.blocked_until), field="code")
        if pending.expires_at <= now or not pending.code_hash:
            raise InvalidInput(_("This code has expired. Register again to get a new one."), field="code")
        typed = "".join((code or "").split())
        if not constant_time_compare(pending.code_hash, _code_hash(pending.pk, typed)):
            refusal = _wrong_code(pending, now)
        else:
            user = _citizen_create(pending)
    if refusal is not None:
        blocked = pending.blocked_until and pending.blocked_until > now
        raise (RateLimited if blocked else InvalidInput)(refusal, field="code")
    return user


def _citizen_create(pending: PendingSignup) -> User:
    if User.objects.filter(username=pending.address).exists() or (
        pending.phone and User.objects.filter(phone=pending.phone).exists()
    ):
        raise InvalidInput(
            _(
                "This phone number already has an account. Sign in, or ask the commune office "
                "to reset the password."
            ),
            field="code",
        )
    sign_in_email = "" if pending.phone else pending.email
    if sign_in_email and User.objects.filter(email__iexact=sign_in_email).exists():
        raise InvalidInput(
            _(
                "This e-mail address already has an account. Sign in, or ask the commune office "
                "to reset the password."
            ),
            field="code",
        )
    try:
        with transaction.atomic():
            user = User.objects.create(
                username=pending.address,
                password=pending.password,
                full_name=pending.full_name,
                phone=pending.phone or None,
                email=sign_in_email or None,
            )
    except IntegrityError:  # registered by another way a moment ago
        raise InvalidInput(
            _("This registration is no longer waiting. Register again."), field="code"
        ) from None
    CitizenProfile.objects.create(
        user=user,
        full_name=pending.full_name,
        phone=pending.phone,
        email=pending.email,
        commune_id=pending.commune_id,
        village_id=pending.village_id,
        search_text=fold_all(pending.full_name, pending.phone, pending.email),
    )
    audit_record(
        actor=user,
        action="citizen.register",
        target=user,
        commune_code=pending.commune_id or "",
        summary=pending.full_name,
    )
    pending.delete()
    return user

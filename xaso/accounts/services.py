import secrets
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.identity import email_clean, personal_id_clean, phone_clean
from xaso.accounts.models import ApiToken, CitizenProfile, Membership, User
from xaso.accounts.roles import GLOBAL_ROLES, PROVINCE_ROLES, Role
from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.core.privacy import personal_data_for
from xaso.core.text import fold_all

TOKEN_LIFETIME = timedelta(days=30)


PROFILE_FIELDS = ("full_name", "date_of_birth", "sex", "personal_id", "phone", "email", "village", "address")


def profile_update(*, actor, profile: CitizenProfile, data: dict) -> CitizenProfile:
    """Change a citizen's declared data. Rules: the citizen themself, or an officer holding
    accounts.manage_citizens in the profile's commune; the ID number is validated against the
    date of birth and sex; every change is audited with before and after."""
    own = profile.user_id is not None and profile.user_id == actor.pk
    officer = profile.commune is not None and actor.holds("accounts.manage_citizens", commune=profile.commune)
    if not (own or officer):
        raise NotAllowed(_("You cannot change this profile."))
    full_name = " ".join((data.get("full_name") or "").split())
    if not full_name:
        raise InvalidInput(_("Enter the full name."), field="full_name")
    dob = data.get("date_of_birth")
    if dob and dob > date.today():
        raise InvalidInput(_("The date of birth cannot be in the future."), field="date_of_birth")
    sex = data.get("sex") or ""
    pid = data.get("personal_id") or ""
    pid = personal_id_clean(pid, date_of_birth=dob, sex=sex) if pid else None
    phone = phone_clean(data["phone"]) if data.get("phone") else ""
    email = email_clean(data.get("email", ""))
    village = data.get("village")
    new = {
        "full_name": full_name,
        "date_of_birth": dob,
        "sex": sex,
        "personal_id": pid,
        "phone": phone,
        "email": email,
        "village": village,
        "address": (data.get("address") or "").strip()[:300],
    }
    changes = {}
    for field, value in new.items():
        old = getattr(profile, field)
        if old != value:
            changes[field] = [str(old or ""), str(value or "")]
            setattr(profile, field, value)
    if village is not None:
        profile.commune = village.commune
    profile.search_text = fold_all(full_name, pid, phone, email)
    try:
        with transaction.atomic():
            profile.save()
            audit_record(
                actor=actor,
                action="profile.update",
                target=profile,
                commune_code=profile.commune_id or "",
                summary=full_name,
                # ID numbers are personal data: the audit keeps which fields changed, not values.
                changes={k: ("changed" if k == "personal_id" else v) for k, v in changes.items()},
            )
    except IntegrityError:
        raise InvalidInput(
            _("Another profile already has this personal ID number."), field="personal_id"
        ) from None
    return profile


def membership_grant(
    *, actor, user: User, role: str, commune=None, province=None, village=None
) -> Membership:
    """Give a staff role. Rules: system admins only (from the admin or the demo loader)."""
    if actor is not None and Role.SYSTEM_ADMIN not in actor.roles and not actor.is_superuser:
        raise NotAllowed(_("Only a system administrator can grant roles."))
    if role in PROVINCE_ROLES:
        if province is None:
            raise InvalidInput(_("A province supervisor needs a province."), field="province")
        commune = None
    elif role in GLOBAL_ROLES:
        commune = province = None
    elif commune is None:
        raise InvalidInput(_("This role needs a commune."), field="commune")
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(
            user=user,
            role=role,
            commune=commune,
            province=province,
            defaults={"village": village},
        )
        audit_record(
            actor=actor,
            action="membership.grant",
            target=membership,
            commune_code=commune.code if commune else "",
            summary=f"{user.username} {role}",
        )
    return membership


def api_token_issue(*, user: User, name: str = "") -> str:
    """Create a bearer token for `user` and return it; only its hash is kept."""
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            key_hash=ApiToken.hash_key(key),
            name=name[:100],
            expires_at=timezone.now() + TOKEN_LIFETIME,
        )
        audit_record(actor=user, action="api_token.issue", target=token, summary=name[:100])
    return key


def api_token_user(key: str) -> User | None:
    """The active user behind a bearer token, or None if unknown or expired."""
    if not key:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # Touch at most once a minute so a busy integration does not write on every call.
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def own_profile_ensure(*, actor) -> CitizenProfile:
    """The signed-in user's own profile, created from the account on first use."""
    profile, created = CitizenProfile.objects.get_or_create(
        user=actor,
        defaults={
            "full_name": actor.full_name,
            "phone": actor.phone or "",
            "email": actor.email or "",
            "search_text": fold_all(actor.full_name, actor.phone, actor.email),
        },
    )
    if created:
        audit_record(actor=actor, action="profile.create", target=profile, summary=actor.full_name)
    return profile


def personal_data_export(*, actor: User) -> dict:
    """Everything xaso keeps about the signed-in person (each app's registered section), for
    them to download. Rules: only one's own data; the download is audited."""
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed(_("Sign in to download your data."))
    data = personal_data_for(actor)
    audit_record(actor=actor, action="personal_data.export", target=actor)
    return data

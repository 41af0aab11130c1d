import hashlib
import time
from base64 import b32encode
from binascii import unhexlify
from functools import cached_property
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP
from django_otp.util import hex_validator, random_hex

from xaso.accounts.roles import GLOBAL_ROLES, PROVINCE_ROLES, Role, roles_with
from xaso.core.sealed import SealedTextField
from xaso.core.tenancy import Scope, ScopedManager


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username, password=None, **extra):
        user = self.model(username=username, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(username, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: citizens (by phone or e-mail) and staff (by username)."""

    username = models.CharField(_("username"), max_length=150, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=10, unique=True, null=True, blank=True)
    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    is_active = models.BooleanField(default=True)
    # Django's own flag for the admin site; only system admins get it.
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")

    def __str__(self):
        return self.full_name or self.username

    @cached_property
    def active_memberships(self) -> list["Membership"]:
        return list(self.memberships.filter(is_active=True).select_related("commune"))

    @property
    def roles(self) -> set[str]:
        return {m.role for m in self.active_memberships}

    @property
    def is_citizen_only(self) -> bool:
        return not self.active_memberships

    def scope_for(self, perm: str | None) -> Scope:
        allowed = roles_with(perm) if perm else None
        communes, provinces, everything = set(), set(), False
        whole, villages = set(), set()
        for m in self.active_memberships:
            if m.role in GLOBAL_ROLES:
                # A system administrator is trusted with every permission everywhere.
                everything = True
            elif allowed is not None and m.role not in allowed:
                continue
            elif m.role in PROVINCE_ROLES:
                provinces.add(m.province_id)
            else:
                communes.add(m.commune_id)
                if m.village_id:  # a village head: their village only (tenancy's village_path)
                    villages.add((m.commune_id, m.village_id))
                else:
                    whole.add(m.commune_id)
        limited = frozenset((c, v) for c, v in villages if c not in whole)
        return Scope(frozenset(communes), frozenset(provinces), everything, self.pk, limited)

    @cached_property
    def scope(self) -> Scope:
        return self.scope_for(None)


class Membership(models.Model):
    """A staff role held by a user in a commune (or a province, or everywhere for admins)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    commune = models.ForeignKey(
        "places.Commune", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "places.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="membership_place_fits_role",
                condition=(
                    Q(role=Role.PROVINCE_SUPERVISOR, province__isnull=False, commune__isnull=True)
                    | Q(role=Role.SYSTEM_ADMIN, province__isnull=True, commune__isnull=True)
                    | (
                        ~Q(role__in=[Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN])
                        & Q(commune__isnull=False, province__isnull=True)
                    )
                ),
            ),
            models.UniqueConstraint(fields=["user", "role", "commune", "province"], name="membership_unique"),
        ]

    def __str__(self):
        place = self.commune or self.province or "*"
        return f"{self.user} — {self.get_role_display()} — {place}"


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class CitizenProfile(models.Model):
    """What a citizen declares once and every later form prefills. A profile can exist without
    an account: a one-stop officer creates it at the counter for someone who has none."""

    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="profile"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    personal_id = models.CharField(_("personal ID number"), max_length=12, unique=True, null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=10, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    commune = models.ForeignKey(
        "places.Commune", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    search_text = models.CharField(max_length=400, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    citizen_path = "user"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("citizen profile")

    def __str__(self):
        return self.full_name


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    """A bearer token for integrations. Only its SHA-256 is stored; the token is shown once.

    A token remembers what it was issued under: the scope asked for, whether the second factor
    was given, the holder's roles and a fingerprint of their password. A change of roles or
    password ends it (xaso.accounts.services.api_token_user)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    scope = models.CharField(_("scope"), max_length=5, choices=TokenScope.choices, default=TokenScope.READ)
    two_factor = models.BooleanField(_("issued with two-step verification"), default=False)
    roles_key = models.CharField(max_length=64, blank=True)
    password_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} — {self.name or 'token'}"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class PasswordResetCode(models.Model):
    """A one-time code sent to a user's phone or e-mail to set a new password. Only a keyed
    hash of the code is kept; it is used once, expires, and dies after too many wrong tries."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    channel = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} — {self.channel} {self.created_at:%Y-%m-%d %H:%M}"


def default_key() -> str:
    return random_hex(20)


def key_validator(value: str) -> None:
    hex_validator(40)(value)


class TotpDevice(TimestampMixin, ThrottlingMixin, Device):
    """An authenticator app (TOTP), as django-otp's own TOTPDevice but with its secret sealed
    at rest (xaso.core.sealed): the database holds only the encrypted key. django-otp finds it
    like any device plugin (match_token, user_has_device, the OTP middleware)."""

    key = SealedTextField(default=default_key, validators=[key_validator])
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    # The time step of the last code accepted: a code is never accepted twice.
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("authenticator app")

    @property
    def bin_key(self) -> bytes:
        return unhexlify(self.key.encode())

    def get_throttle_factor(self):
        return settings.OTP_TOTP_THROTTLE_FACTOR

    def verify_token(self, token) -> bool:
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        try:
            token = int(token)
        except (TypeError, ValueError):
            verified = False
        else:
            totp = TOTP(self.bin_key, self.step, self.t0, self.digits, self.drift)
            totp.time = time.time()
            verified = totp.verify(token, self.tolerance, self.last_t + 1)
            if verified:
                self.last_t = totp.t()
                self.drift = totp.drift
                self.throttle_reset(commit=False)
                self.set_last_used_timestamp(commit=False)
                self.save()
        if not verified:
            self.throttle_increment(commit=True)
        return verified

    @property
    def config_url(self) -> str:
        """The otpauth:// URL an authenticator app scans (Key Uri Format)."""
        issuer = str(settings.OTP_TOTP_ISSUER).replace(":", "")
        label = f"{issuer}:{self.user.get_username()}" if issuer else self.user.get_username()
        params = urlencode(
            {
                "secret": b32encode(self.bin_key),
                "algorithm": "SHA1",
                "digits": self.digits,
                "period": self.step,
            }
        )
        if issuer:
            params += f"&issuer={quote(issuer)}"
        return f"otpauth://totp/{quote(label)}?{params}"


class PendingSignup(models.Model):
    """A registration waiting for the one-time code sent to its phone (or, without a phone, its
    e-mail). No account exists until the code is given, so registering tells nobody whether the
    number already has one (xaso/accounts/registration.py)."""

    # Where the code went: the 10-digit phone or the lower-case e-mail. One pending row each.
    address = models.CharField(max_length=254, unique=True)
    full_name = models.CharField(max_length=150)
    phone = models.CharField(max_length=10, blank=True)
    email = models.EmailField(blank=True)
    password = models.CharField(max_length=128)  # hashed, as User.password
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    # Wrong codes since the address last registered; every fifth one blocks it for longer.
    failures = models.PositiveIntegerField(default=0)
    blocked_until = models.DateTimeField(null=True, blank=True)
    # The commune (and village) chosen by name while registering: the new profile's own.
    commune = models.ForeignKey(
        "places.Commune", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.address

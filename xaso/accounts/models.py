import hashlib
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import GLOBAL_ROLES, PROVINCE_ROLES, Role, roles_with
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

    def holds(self, perm: str, *, commune) -> bool:
        return self.scope_for(perm).reaches(commune_code=commune.code, province_code=commune.province_id)


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


class ApiToken(models.Model):
    """A bearer token for integrations. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.user} — {self.name or 'token'}"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

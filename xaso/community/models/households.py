"""Households and their residents, and imports of the household list.
Commune-owned: every model goes through `ScopedManager` (xaso.core.tenancy)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


class Household(models.Model):
    """A household (hộ gia đình) of a village, identified in its commune by its code."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey("places.Village", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("household code"), max_length=30)
    address = models.CharField(_("address"), max_length=300, blank=True)
    head_name = models.CharField(_("head of household"), max_length=150)
    # The one person who receives announcements for the family and relays them.
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=10, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_zalo_id = models.CharField(_("Zalo ID"), max_length=64, blank=True)
    contact_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Consent (Decree 13/2023): nothing about a household is public unless it agreed, field by field.
    public_name = models.BooleanField(_("the head's name may be shown publicly"), default=False)
    public_address = models.BooleanField(_("the address may be shown publicly"), default=False)
    public_phone = models.BooleanField(_("the phone may be shown publicly"), default=False)
    search_text = models.CharField(max_length=400, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    village_path = "village"  # a village head reaches their village's households only
    objects = ScopedManager()

    class Meta:
        ordering = ["village__name", "code"]
        verbose_name = _("household")
        constraints = [models.UniqueConstraint(fields=["commune", "code"], name="household_code_unique")]

    def __str__(self):
        return f"{self.code} — {self.head_name}"


class Resident(models.Model):
    """A member of a household; linked to the citizen's profile where one exists."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="residents")
    full_name = models.CharField(_("full name"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    is_head = models.BooleanField(default=False)
    profile = models.ForeignKey(
        "accounts.CitizenProfile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    commune_path = "household__commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-is_head", "id"]
        verbose_name = _("resident")

    def __str__(self):
        return self.full_name


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Checking rows")
    SAVING = "saving", _("Saving")
    DONE = "done", _("Imported")
    REJECTED = "rejected", _("Not imported: the file has errors")
    FAILED = "failed", _("Failed")


class HouseholdImport(models.Model):
    """One upload of the household list, run by a task; the page shows its progress."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="community/imports/")
    original_name = models.CharField(max_length=200)
    import_valid_rows = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    # Rows checked so far; the import then saves everything in one transaction (status SAVING).
    checked_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    report = models.FileField(upload_to="community/import-reports/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if not self.total_rows:
            return 0
        # Checking is the first 90%; saving the last 10%.
        return min(90, int(90 * self.checked_rows / self.total_rows)) + (5 if self.status == "saving" else 0)

    @property
    def finished(self) -> bool:
        return self.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING, ImportStatus.SAVING)

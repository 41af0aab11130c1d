"""Announcements of the commune and, per household, whether they reached it.
Commune-owned: every model goes through `ScopedManager` (xaso.core.tenancy)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.community.models.households import Household
from xaso.core.tenancy import ScopedManager


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    IMPORTANT = "important", _("Important")
    URGENT = "urgent", _("Urgent")


class Announcement(models.Model):
    """A notice of the commune, to all its villages (none chosen) or to the chosen ones.
    Published at `publish_at` (then fanned out to every household's contact), hidden after
    `expires_at`."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    villages = models.ManyToManyField("places.Village", blank=True, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Set once, when the announcement was delivered to the households (see announcements.fan_out).
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    search_text = models.CharField(max_length=400, blank=True, db_index=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("announcement")
        indexes = [models.Index(fields=["commune", "-publish_at"], name="announcement_public_idx")]

    def __str__(self):
        return self.title

    def is_public(self, now=None) -> bool:
        now = now or timezone.now()
        return self.publish_at <= now and (self.expires_at is None or self.expires_at > now)


class Attachment(models.Model):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="community/attachments/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    commune_path = "announcement__commune"
    objects = ScopedManager()

    def __str__(self):
        return self.name


class ReachedHow(models.TextChoices):
    LINK = "link", _("Confirmed by the link")
    IN_PERSON = "in_person", _("Told in person")


class Delivery(models.Model):
    """An announcement for one household: whether (and how) the household was reached."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="deliveries")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="deliveries")
    # Copied from the household at fan-out: coverage per village is read without a join.
    village = models.ForeignKey("places.Village", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    reached_at = models.DateTimeField(null=True, blank=True)
    reached_how = models.CharField(max_length=10, choices=ReachedHow.choices, blank=True)
    reached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    commune_path = "announcement__commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("delivery")
        constraints = [
            models.UniqueConstraint(fields=["announcement", "household"], name="delivery_once_per_household")
        ]
        # Coverage reads: per announcement and village, and reached over time.
        indexes = [
            models.Index(fields=["announcement", "village"], name="delivery_village_idx"),
            models.Index(fields=["village", "reached_at"], name="delivery_reached_idx"),
        ]

    def __str__(self):
        return f"{self.announcement_id} → {self.household_id}"

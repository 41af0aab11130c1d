"""Citizens' feedback reports (phản ánh, kiến nghị), their timeline, photos and followers.
Commune-owned: every model goes through `ScopedManager` (xaso.core.tenancy)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core.models import WorkflowEvent
from xaso.core.tenancy import ScopedManager


class FeedbackCategory(models.TextChoices):
    ROADS = "roads", _("Roads and bridges")
    LIGHTING = "lighting", _("Street lighting")
    ENVIRONMENT = "environment", _("Rubbish and environment")
    WATER = "water", _("Water and drainage")
    ORDER = "order", _("Security and order")
    SERVICES = "services", _("Public services")
    OTHER = "other", _("Other")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Being handled")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")
    MERGED = "merged", _("Merged into another report")


class FeedbackReport(models.Model):
    """A citizen's report of a problem (phản ánh, kiến nghị), FixMyStreet-style: public with its
    answer, the reporter's identity never shown; anonymous reports keep no identity at all."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=FeedbackCategory.choices)
    text = models.TextField(_("what is wrong"))
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_name = models.CharField(max_length=150, blank=True)
    reporter_phone = models.CharField(max_length=10, blank=True)
    tracking_code = models.CharField(max_length=12, unique=True)
    status = models.CharField(max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("public answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField()
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    commune_path = "commune"
    citizen_path = "reporter"
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback report")
        indexes = [models.Index(fields=["commune", "status", "-created_at"], name="feedback_board_idx")]

    def __str__(self):
        return self.tracking_code


class FeedbackEvent(WorkflowEvent):
    """One step of a report's timeline, written by the engine (xaso.community.workflow); for the
    staff only: it names the officer who acted."""

    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("feedback event")

    @property
    def status_label(self) -> str:
        return FeedbackStatus(self.to_status).label


class FeedbackPhoto(models.Model):
    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="community/feedback/%Y/%m/")
    # The light version the public board shows (xaso.core.uploads); `file` is the staff's original.
    web = models.FileField(upload_to="community/feedback/%Y/%m/", blank=True)
    PUBLIC_PICTURES = (("file", "web"),)  # xaso uploads_web_versions
    content_type = models.CharField(max_length=50)

    commune_path = "report__commune"
    objects = ScopedManager()

    def __str__(self):
        return self.file.name


class FeedbackSubscriber(models.Model):
    """Someone other than the reporter who follows a report (a neighbour with the same problem):
    told of every update, as the reporter is."""

    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="subscribers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    commune_path = "report__commune"
    citizen_path = "user"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("feedback subscriber")
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="feedback_subscriber_unique")]

    def __str__(self):
        return f"{self.report} — {self.user}"

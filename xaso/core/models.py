from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One append-only entry of the audit chain. `hash` covers this row's content and the
    previous row's hash, so editing or deleting any row breaks `xaso audit verify`."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=80)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=80, blank=True)
    # The commune the event belongs to, by code, so a commune's own audit log can be scoped.
    commune_code = models.CharField(max_length=5, blank=True, db_index=True)
    summary = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.target_type}:{self.target_id}"


class AuditHead(models.Model):
    """The chain's tip (a single row, id 1). Locking it serialises appends, and it remembers the
    last sequence number so that deleting the newest events is detected too."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self):
        return f"audit head #{self.seq}"


class DayOverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off (moved or extra)")
    WORKING_DAY = "working_day", _("Make-up working day")


class DayOverride(models.Model):
    """A day the government moved: an extra day off on a working day, or a make-up working day
    on a weekend. It wins over the weekend rule and the `holidays` package (xaso.core.calendar)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DayOverrideKind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("moved day")
        verbose_name_plural = _("moved days")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"


class WorkflowEvent(models.Model):
    """One step of an object's timeline, written by `xaso.core.workflow.Workflow.apply`. An app
    subclasses it with a foreign key to its own object (named by the workflow's `event_subject`)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=40)
    to_status = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class IdempotencyKey(models.Model):
    """A write a client may send again (a retry after a lost answer, a double click): the key it
    chose, who sent it, a hash of what it asked and the answer it got. The same key from the same
    actor in the same scope gets that answer back instead of a second write (xaso.core.idempotency)."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=80)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(default=200)
    response = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "scope", "key"], name="core_idempotency_once"),
        ]

    def __str__(self):
        return f"{self.scope}:{self.key}"

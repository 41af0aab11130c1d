from django.conf import settings
from django.db import models


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

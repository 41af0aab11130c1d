"""Messages to people: in-app notifications (the inbox) and the outbox of external deliveries.

Generic on purpose: a message knows its recipient and text, never what it is about. Callers that
need to find their messages again (an announcement fanned out to households) set `ref`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message in a signed-in user's inbox. Written in the sender's transaction: exactly once."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(max_length=500, blank=True)
    ref = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        # The inbox page and its unread badge read by recipient, newest first.
        indexes = [models.Index(fields=["recipient", "-created_at"], name="notify_inbox_idx")]

    def __str__(self):
        return self.subject


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DEAD = "dead", _("Failed for good")


class OutboxMessage(models.Model):
    """One delivery to one address over one external channel (e-mail, SMS, Zalo).

    Rows are written in the sender's transaction and delivered after commit by a worker that
    claims them one by one (see delivery.py). `uid` travels with every attempt as the
    idempotency key, so a retry after a crash is recognised by the receiving gateway.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=20)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.CharField(_("address"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(max_length=500, blank=True)
    ref = models.CharField(max_length=100, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(max_length=200, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("outbox message")
        # The worker's claim query: due rows by status and time.
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notify_outbox_due_idx")]

    def __str__(self):
        return f"{self.channel} → {self.address}: {self.subject}"

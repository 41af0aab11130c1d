"""Tables of the exchange between agencies: the registry of known agencies and their keys,
the envelopes we send (one row per document and recipient, with its tries and receipt) and
the envelopes we received (one row per envelope id: what makes a re-delivery idempotent)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


class Agency(models.Model):
    """An agency documents are exchanged with: another xaso instance, another tenant of this
    one, or one of our own communes (then `commune` is set and we hold its exchange key).
    Installation-wide, kept by administrators: the certificate pinned here is the only one
    whose envelopes are accepted as coming from this agency."""

    code = models.CharField(_("agency code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    base_url = models.URLField(_("address of its xaso"), blank=True)
    certificate_der = models.BinaryField()
    fingerprint = models.CharField(max_length=64, db_index=True)
    commune = models.OneToOneField(
        "places.Commune", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Ours only: the private key (PKCS#8 PEM) encrypted under a key derived from SECRET_KEY, so
    # that the delivery worker signs unattended and a database dump alone does not reveal it.
    private_key = models.BinaryField(null=True, blank=True, editable=False)
    chain_der = models.JSONField(default=list, blank=True)  # base64 DER of the issuing CAs
    is_test = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def is_ours(self) -> bool:
        return self.commune_id is not None and bool(self.private_key)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    DELIVERED = "delivered", _("Delivered")
    REFUSED = "refused", _("Refused by the recipient")
    DEAD = "dead", _("Failed")


class EnvelopeDelivery(models.Model):
    """An outgoing document on its way to one agency. The envelope is built and signed once,
    so every try sends the same bytes and the receiver recognises a repeat by its id."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey(
        "documents.RegisteredDocument", on_delete=models.PROTECT, related_name="deliveries"
    )
    sender = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    envelope_id = models.UUIDField(unique=True)
    envelope = models.BinaryField()
    signature = models.BinaryField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    receipt = models.BinaryField(null=True, blank=True)
    receipt_signature = models.BinaryField(null=True, blank=True)
    receiver_number = models.PositiveIntegerField(null=True, blank=True)  # their số đến
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "recipient"], name="one_delivery_per_recipient"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("envelope delivery")

    def __str__(self):
        return f"{self.envelope_id} → {self.recipient_id}: {self.status}"


class InboundEnvelope(models.Model):
    """An envelope we accepted, with the receipt we answered: a re-delivery of the same
    envelope id gets this receipt again and registers nothing."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    envelope_id = models.UUIDField(unique=True)
    sender = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey("documents.RegisteredDocument", on_delete=models.PROTECT, related_name="+")
    envelope_sha256 = models.CharField(max_length=64)
    envelope = models.BinaryField()
    signature = models.BinaryField()
    receipt = models.BinaryField()
    receipt_signature = models.BinaryField()
    received_at = models.DateTimeField()

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("received envelope")

    def __str__(self):
        return str(self.envelope_id)

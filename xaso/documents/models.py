"""Trust roots, signing credentials and signed documents (the public verification records)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


class TrustRoot(models.Model):
    """A certification authority whose certificates xaso trusts when verifying. Installation-
    wide: the national root and licensed providers in production, the demo CA in tests."""

    label = models.CharField(max_length=200)
    certificate_der = models.BinaryField()
    fingerprint = models.CharField(max_length=64, unique=True)
    is_test = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("trust root")

    def __str__(self):
        return self.label


class KeySourceKind(models.TextChoices):
    PKCS12 = "pkcs12", _("PKCS#12 file (passphrase)")
    PKCS11 = "pkcs11", _("PKCS#11 token (PIN)")
    CSC = "csc", _("Remote signing service (CSC)")


class SigningCredential(models.Model):
    """A certificate a commune signs with and where its key lives. `holder` empty means the
    commune's organisation seal; otherwise a leader's or officer's personal certificate."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(max_length=200)
    position = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=KeySourceKind.choices)
    certificate_der = models.BinaryField()
    chain_der = models.JSONField(default=list, blank=True)  # base64 DER of the issuing CAs
    subject = models.CharField(max_length=500)
    organisation = models.CharField(max_length=200, blank=True)
    not_before = models.DateTimeField()
    not_after = models.DateTimeField()
    is_test = models.BooleanField(default=False)
    # PKCS#12: the file itself, encrypted under its passphrase (which xaso never stores).
    pkcs12 = models.BinaryField(null=True, blank=True, editable=False)
    pkcs11_library = models.CharField(max_length=300, blank=True)
    pkcs11_token = models.CharField(max_length=100, blank=True)
    pkcs11_key_label = models.CharField(max_length=100, blank=True)
    csc_url = models.URLField(blank=True)
    csc_credential_id = models.CharField(max_length=200, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["commune_id", "label"]
        verbose_name = _("signing credential")

    def __str__(self):
        return self.label

    @property
    def is_seal(self) -> bool:
        return self.holder_id is None


class SignedDocument(models.Model):
    """A PDF xaso signed, with the public code printed in its QR. Anyone holding the code can
    see the record and download the file (it is the document the citizen was handed)."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=40, default="result")
    file = models.FileField(upload_to="documents/signed/%Y/%m/")
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveIntegerField()
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    credential = models.ForeignKey(SigningCredential, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField()
    is_test = models.BooleanField(default=False)
    # What the document is about, in the caller's words ("onestop.dossier", "42"): documents
    # does not know other apps' models.
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=80, blank=True)
    search_text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = _("signed document")

    def __str__(self):
        return f"{self.code} {self.title}"

"""Trust roots, signing credentials and signed documents (the public verification records)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
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
    # When its holder and the administrators were told it expires soon (once per certificate).
    expiry_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
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
    see the record and download the file (it is the document the citizen was handed), except a
    document about another app's subject (a dossier's result), which that app serves behind its
    own sign-in (`documents.signing.subjects`)."""

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


# --- the registry of official documents (incoming and outgoing) ----------------------------


class Direction(models.TextChoices):
    INCOMING = "in", _("Incoming")
    OUTGOING = "out", _("Outgoing")


class DocumentStatus(models.TextChoices):
    """Both flows share one column; registry/workflow.py keeps one table per direction."""

    # incoming: register → assign to a handler with a deadline → handle → done
    REGISTERED = "registered", _("Registered")
    ASSIGNED = "assigned", _("Assigned")
    HANDLING = "handling", _("Being handled")
    DONE = "done", _("Done")
    # outgoing: draft → review → sign → issue (number assigned) → distribute
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    SIGNED = "signed", _("Signed")
    ISSUED = "issued", _("Issued")
    DISTRIBUTED = "distributed", _("Distributed")


class RegisterBook(models.Model):
    """A register book (sổ đăng ký văn bản) of one commune for one year and direction. Numbers
    start at 1 each year and are handed out under a row lock, so they have neither gaps nor
    duplicates whatever the number of clerks at work."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    direction = models.CharField(max_length=3, choices=Direction.choices)
    last_number = models.PositiveIntegerField(default=0)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "year", "direction"], name="one_book_per_year"),
        ]
        ordering = ["-year", "direction"]
        verbose_name = _("register book")

    def __str__(self):
        return f"{self.commune_id} {self.year} {self.direction}"


class RegisteredDocument(models.Model):
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    status = models.CharField(max_length=20, choices=DocumentStatus.choices)
    kind = models.CharField(max_length=5)  # official.KINDS code: TB, QĐ, CV …
    title = models.CharField(max_length=500)
    # Incoming: the sender's number and symbol as printed ("123/UBND-VP"); outgoing: ours.
    number_symbol = models.CharField(max_length=60, blank=True)
    # The number in our register book (số đến for incoming, số đi for outgoing), given when the
    # document is registered (incoming) or issued (outgoing); unique per book.
    book = models.ForeignKey(RegisterBook, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    book_number = models.PositiveIntegerField(null=True, blank=True)
    sender = models.CharField(max_length=300, blank=True)
    recipients = models.JSONField(default=list, blank=True)
    body = models.TextField(blank=True)
    document_date = models.DateField(null=True, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(null=True, blank=True)
    file = models.FileField(upload_to="documents/registry/%Y/%m/", blank=True)
    signed_document = models.ForeignKey(
        SignedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(blank=True)  # extracted from the PDF, for search
    # Folded (no diacritics, lower case) title, numbers, sender and text: what search reads.
    search_text = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["book", "book_number"], name="one_number_per_book"),
        ]
        indexes = [
            models.Index(fields=["commune", "direction", "status", "-created_at"]),
            models.Index(fields=["commune", "-id"], name="documents_r_commune_newest"),
        ]
        verbose_name = _("official document")

    def __str__(self):
        return f"{self.number_symbol or '—'} {self.title}"

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.deadline and self.status not in CLOSED_STATUSES and self.deadline < timezone.localdate()
        )


CLOSED_STATUSES = frozenset({DocumentStatus.DONE, DocumentStatus.DISTRIBUTED})


class DocumentEvent(models.Model):
    """The timeline of a registered document: every transition, comment and attachment."""

    document = models.ForeignKey(RegisteredDocument, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    attachment = models.FileField(upload_to="documents/attachments/%Y/%m/", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("document event")

    def __str__(self):
        return f"{self.action} {self.from_status}→{self.to_status}"


# --- paperless meetings ------------------------------------------------------------------


class Meeting(models.Model):
    """A meeting of a commune with its agenda, documents and invited people. `code` is what the
    one QR code of the meeting carries: it opens the meeting pack for invited people only."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=24, unique=True)
    title = models.CharField(max_length=300)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    minutes = models.TextField(blank=True)
    minutes_document = models.ForeignKey(
        SignedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("meeting")

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    """One item of a meeting's agenda, with a document from the registry or an uploaded file."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    document = models.ForeignKey(
        RegisteredDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to="documents/meetings/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["meeting_id", "position", "id"]
        verbose_name = _("agenda item")

    def __str__(self):
        return self.title


class MeetingInvitee(models.Model):
    """An invited person: a staff member of the commune (`user`), or someone from outside
    reached by phone or e-mail who opens the pack through a personal link."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=models.Q(user__isnull=False), name="one_invite_per_user"
            ),
        ]
        verbose_name = _("meeting invitee")

    def __str__(self):
        return self.name


# The exchange between agencies keeps its tables in their own module (imported here so that
# Django registers them with this app).
from xaso.documents.exchange.models import (  # noqa: E402, F401
    Agency,
    DeliveryStatus,
    EnvelopeDelivery,
    InboundEnvelope,
)

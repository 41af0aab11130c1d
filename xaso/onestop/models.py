"""The one-stop shop's tables: the procedure catalogue (global), each commune's switches, and
dossiers with their events, papers, ratings and linked groups (commune-owned, scoped)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import WorkflowEvent
from xaso.core.tenancy import ScopedManager


class ProcedureField(models.TextChoices):
    CIVIL_STATUS = "civil_status", _("Civil status")
    CERTIFICATION = "certification", _("Certification")
    LABOUR_SOCIAL = "labour_social", _("Labour and social affairs")
    CONSTRUCTION = "construction", _("Construction")
    BUSINESS = "business", _("Business")
    AGRICULTURE = "agriculture", _("Agriculture")
    RESIDENCE = "residence", _("Residence")
    HEALTH_INSURANCE = "health_insurance", _("Health insurance")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Fully online")
    PARTIAL = "partial", _("Partly online")


class Procedure(models.Model):
    """An administrative procedure of the national catalogue as a commune runs it. Its `form`
    is data: a list of field definitions (see xaso/onestop/forms.py) from which the web form, the
    API schema and the server-side validation are all built."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    national_code = models.CharField(_("national code"), max_length=20, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=300)
    field = models.CharField(_("field"), max_length=30, choices=ProcedureField.choices)
    description = models.TextField(_("description"), blank=True)
    papers = models.JSONField(_("papers to bring"), default=list, blank=True)
    fee = models.PositiveIntegerField(_("fee (đồng)"), default=0)
    fee_note = models.CharField(_("fee exemptions"), max_length=300, blank=True)
    # The fee is charged per copy: a dossier pays it times the number in its form field
    # `copies` (xaso.onestop.fees.dossier_fee).
    fee_per_copy = models.BooleanField(
        _("fee per copy"),
        default=False,
        help_text=_("The dossier pays the fee once for each copy asked for (its form field “copies”)."),
    )
    # The fee priced per page in tiers (certified copies): {"per": "page", "tiers": [[1, 2000],
    # [3, 1000]], "cap_per_copy": 200000}, read with the form fields `pages` and `copies`
    # (xaso.onestop.fee_tiers); empty: `fee` applies.
    fee_schedule = models.JSONField(
        _("fee schedule"),
        default=dict,
        blank=True,
        help_text=_(
            'Leave {} for a fixed fee. Per page in tiers: {"per": "page", "tiers": [[1, 2000], [3, 1000]], '
            '"cap_per_copy": 200000} (a required integer field “pages” in the form, optionally “copies”); '
            "the fee above is then only shown as the price of the first page."
        ),
    )
    processing_days = models.PositiveSmallIntegerField(_("processing time (working days)"))
    online_level = models.CharField(_("online level"), max_length=10, choices=OnlineLevel.choices)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    form = models.JSONField(_("form fields"), default=list, blank=True)
    # Codes of the procedures that start on approval with the data carried over (liên thông).
    follow_ons = models.JSONField(_("linked follow-on procedures"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.CharField(max_length=600, blank=True, db_index=True)

    class Meta:
        ordering = ["field", "name"]
        verbose_name = _("procedure")

    def __str__(self):
        return self.name


class ProcedureSwitch(models.Model):
    """A commune's own choice to offer a procedure or not; no row means offered."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="switches")
    enabled = models.BooleanField(default=True)
    changed_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "procedure"], name="procedure_switch_unique")
        ]

    def __str__(self):
        return f"{self.commune_id} {self.procedure_id} {'on' if self.enabled else 'off'}"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted online")
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    PROCESSING = "processing", _("In processing")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RESULT_READY = "result_ready", _("Result ready")
    DELIVERED = "delivered", _("Delivered")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled")


TERMINAL = frozenset({Status.DELIVERED, Status.REJECTED, Status.WITHDRAWN, Status.CANCELLED})
CITIZEN_EDITABLE = frozenset({Status.DRAFT, Status.SUPPLEMENT_REQUESTED})
# The legal clock runs in these; it is paused while a supplement is awaited.
CLOCK_RUNNING = frozenset(
    {
        Status.SUBMITTED,
        Status.RECEIVED,
        Status.ASSIGNED,
        Status.PROCESSING,
        Status.RESUBMITTED,
        Status.AWAITING_APPROVAL,
        Status.APPROVED,
    }
)
# Settled: the result (or the refusal) exists; on time is judged by `finished_at`.
SETTLED = frozenset({Status.RESULT_READY, Status.DELIVERED, Status.REJECTED})


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter")


class DossierGroup(models.Model):
    """Linked dossiers (liên thông) filed once and tracked together."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    def __str__(self):
        return f"group {self.pk}"


class Dossier(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True, null=True, blank=True)
    # Printed only in the receipt's QR: with the code it opens the public lookup.
    token = models.CharField(max_length=32, unique=True)
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers")
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers"
    )
    profile = models.ForeignKey(
        "accounts.CitizenProfile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applicant_name = models.CharField(_("applicant"), max_length=150)
    applicant_phone = models.CharField(_("phone"), max_length=10, blank=True)
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    original_due_date = models.DateField(null=True, blank=True)
    paused_on = models.DateField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        DossierGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ons"
    )
    late_flagged_on = models.DateField(null=True, blank=True)
    # The apology letter (phiếu xin lỗi và hẹn lại ngày trả kết quả) of a late dossier.
    apology_date = models.DateField(_("new appointment date"), null=True, blank=True)
    apology_reason = models.TextField(_("reason for the delay"), blank=True)
    result_note = models.TextField(blank=True)
    # The fee of this dossier's procedure, fixed when it leaves the draft state (0: free or
    # exempt), the payment request that collects it (a linked group shares its root's one
    # request for the group's total) and when that request was paid (xaso.onestop.fees).
    fee = models.PositiveIntegerField(_("fee (đồng)"), default=0)
    fee_request = models.ForeignKey(
        "payments.PaymentRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fee_paid_at = models.DateTimeField(_("fee paid at"), null=True, blank=True)
    # The queue's search: code and name for every reader; the personal numbers (phone, personal
    # ID, digits only) apart, matched only for readers who see them in full (selectors.queue_for).
    search_text = models.CharField(max_length=400, blank=True)
    search_numbers = models.CharField(max_length=200, blank=True, default="", db_default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    citizen_path = "citizen"
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dossier")
        indexes = [
            # The officer queue: a commune's dossiers by status, oldest due first.
            models.Index(fields=["commune", "status", "due_date"], name="dossier_queue"),
            # Reports: a commune's (or a province's communes') dossiers received in a period, with
            # every column the report counts, so a month is read from the index alone.
            models.Index(
                fields=[
                    "commune",
                    "received_at",
                    "status",
                    "channel",
                    "due_date",
                    "finished_at",
                    "procedure",
                    "assignee",
                ],
                name="dossier_report",
            ),
            models.Index(fields=["citizen", "-created_at"], name="dossier_mine"),
        ]
        constraints = [
            models.CheckConstraint(
                name="dossier_filed_has_code",
                condition=Q(status=Status.DRAFT) | Q(code__isnull=False),
            )
        ]

    def __str__(self):
        return self.code or f"draft {self.pk}"

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL


class DossierCounter(models.Model):
    """The last sequence number handed out for a commune on a day. Locked and bumped in the
    transaction that files the dossier, so codes have neither gaps nor duplicates."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune", "day"], name="dossier_counter_unique")]

    def __str__(self):
        return f"{self.commune_id} {self.day}: {self.last}"


class DossierEvent(WorkflowEvent):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    # An officer's note for the commune's staff only: the citizen sees the step without it
    # (page, API, notification, their data download). Notes the citizen must read (a
    # supplement asked, a refusal, a cancellation, an apology) are never internal.
    internal = models.BooleanField(_("internal note"), default=False)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("dossier event")

    @property
    def status_label(self) -> str:
        return Status(self.to_status).label


class DossierFile(models.Model):
    """A paper of a dossier, scanned or uploaded; checked by content (PDF, JPEG, PNG)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    label = models.CharField(_("paper"), max_length=200)
    file = models.FileField(upload_to="dossiers/%Y/%m/")
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.label


class RatingLevel(models.IntegerChoices):
    VERY_SATISFIED = 4, _("Very satisfied")
    SATISFIED = 3, _("Satisfied")
    ACCEPTABLE = 2, _("Acceptable")
    DISSATISFIED = 1, _("Dissatisfied")


class Rating(models.Model):
    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    level = models.PositiveSmallIntegerField(choices=RatingLevel.choices)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # Reports: the ratings given since a period began (a rating comes after delivery, so
            # after its dossier's receipt), with the dossier and level, read from the index alone.
            models.Index(fields=["created_at", "dossier", "level"], name="rating_report"),
        ]

    def __str__(self):
        return f"{self.dossier_id}: {self.level}"


class DossierView(models.Model):
    """A staff member opened a dossier's detail (page or API): who looked at whose personal
    data, and when. Written once per viewer and dossier per quarter hour (reloads are not news);
    commune leaders and province supervisors read them on the dossier page."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["dossier", "viewer", "at"])]

    def __str__(self):
        return f"{self.dossier_id} viewed by {self.viewer_id} at {self.at}"

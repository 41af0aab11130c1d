"""Commune assessments against a set: values as counted, evidence, the province's review, the
timeline, and the certificates the province signs its decisions with.

Values are kept as what was counted (numerator and denominator, a count, yes or no), never as a
pre-computed percentage, so a reviewer sees the figures behind every score."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.models import WorkflowEvent
from xaso.core.tenancy import ScopedManager
from xaso.dx.models.indicator_sets import Indicator, IndicatorSet, Kind, RecognitionLevel


class AssessmentStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered, being filled")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned to the commune")
    RECOGNISED = "recognised", _("Recognised")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")


# The commune may change values only in these states.
COMMUNE_EDITABLE = frozenset({AssessmentStatus.REGISTERED, AssessmentStatus.RETURNED})
# The province reviews values only in this state.
UNDER_REVIEW = frozenset({AssessmentStatus.SUBMITTED})
DECIDED = frozenset({AssessmentStatus.RECOGNISED, AssessmentStatus.NOT_RECOGNISED})


class Assessment(models.Model):
    """A commune's self-assessment against one indicator set (one per commune and set)."""

    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.PROTECT, related_name="assessments")
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.REGISTERED
    )
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # {"pillars": {pillar: score}, "met": n, "total": n, "mandatory_failed": [codes]}
    summary = models.JSONField(default=dict, blank=True)
    level = models.ForeignKey(
        RecognitionLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_number = models.CharField(max_length=40, blank=True)
    decision_note = models.TextField(blank=True)
    decision_pdf = models.FileField(upload_to="dx/decisions/%Y/", blank=True)
    # Set once the decision PDF carries the province's digital signature (PAdES).
    decision_signed_at = models.DateTimeField(null=True, blank=True)
    decision_signer = models.CharField(max_length=200, blank=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-indicator_set__year", "commune_id"]
        verbose_name = _("assessment")
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "commune"], name="dx_assessment_one_per_set")
        ]
        indexes = [models.Index(fields=["indicator_set", "status"], name="dx_assessment_set_status")]

    def __str__(self):
        return f"{self.commune} — {self.indicator_set}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Not reviewed yet")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class AssessmentValue(models.Model):
    """One indicator's value in an assessment: typed by the commune (manual) or a snapshot of the
    calculator (automatic) taken when the assessment is submitted."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # A count, or 1/0 for yes/no.
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    comment = models.TextField(blank=True)
    # Why an automatic value is missing ("no data: needs onestop…").
    note = models.CharField(max_length=300, blank=True)
    # An automatic indicator whose calculator had no data, typed by the commune with evidence.
    entered_by_commune = models.BooleanField(default=False)
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    review_comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "assessment__commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["assessment_id", "indicator__position", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="dx_value_one_per_indicator")
        ]

    def __str__(self):
        return f"{self.assessment_id}:{self.indicator_id}"

    @property
    def figure(self):
        """The comparable number: a percentage (0–100), a count, or 1/0; None when not filled."""
        if self.indicator.kind == Kind.PERCENTAGE:
            if self.numerator is None or not self.denominator:
                return None
            return round(100 * self.numerator / self.denominator, 2)
        return self.value

    @property
    def is_filled(self) -> bool:
        if self.indicator.kind == Kind.PERCENTAGE:
            return self.numerator is not None and self.denominator is not None
        return self.value is not None


class Evidence(models.Model):
    value = models.ForeignKey(AssessmentValue, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="dx/evidence/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    commune_path = "value__assessment__commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class AssessmentEvent(WorkflowEvent):
    """The assessment's timeline, written by the core workflow engine (see workflow.py)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        pass

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"

    def get_to_status_display(self) -> str:
        return (
            AssessmentStatus(self.to_status).label
            if self.to_status in AssessmentStatus.values
            else self.to_status
        )


class DecisionCredential(models.Model):
    """A certificate a province signs its recognition decisions with: a supervisor's personal
    certificate (or the steering committee's seal when `holder` is empty), kept as its PKCS#12
    file, encrypted under a passphrase that xaso never stores. The signature itself is made by the
    documents app's signing (PAdES with a visible block), so it verifies on the public page."""

    province = models.ForeignKey("places.Province", on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(max_length=200)
    position = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=500)
    certificate_der = models.BinaryField()
    chain_der = models.JSONField(default=list, blank=True)  # base64 DER of the issuing CAs
    pkcs12 = models.BinaryField(editable=False)
    not_before = models.DateTimeField()
    not_after = models.DateTimeField()
    is_test = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["province_id", "label"]
        verbose_name = _("decision signing certificate")

    def __str__(self):
        return self.label

"""Measuring the transformation: indicator sets (per province and year), commune assessments
with evidence and province review, and the community digital teams whose work feeds them.

Values are kept as what was counted (numerator and denominator, a count, yes or no), never as a
pre-computed percentage, so a reviewer sees the figures behind every score."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.models import WorkflowEvent
from xaso.core.tenancy import ScopedManager


class Pillar(models.TextChoices):
    AWARENESS = "awareness", _("Awareness and skills")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    GOVERNMENT = "government", _("Digital government")
    ECONOMY = "economy", _("Digital economy")
    SOCIETY = "society", _("Digital society")


class Kind(models.TextChoices):
    PERCENTAGE = "percentage", _("Percentage")
    COUNT = "count", _("Count")
    YES_NO = "yes_no", _("Yes or no")


class Source(models.TextChoices):
    AUTOMATIC = "automatic", _("Computed by xaso")
    MANUAL = "manual", _("Entered with evidence")


class SetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class IndicatorSet(models.Model):
    """A province's indicator set for one year (bộ chỉ tiêu). Edited while a draft; once published
    communes register against it and it is frozen (a new year starts from a copy)."""

    province = models.ForeignKey("places.Province", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(max_length=12, choices=SetStatus.choices, default=SetStatus.DRAFT)
    # The province chooses to publish its communes' scores and levels on a public page.
    is_public = models.BooleanField(_("public transparency page"), default=False)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["province_id", "-year"]
        verbose_name = _("indicator set")
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="dx_set_one_per_province_year")
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    @property
    def is_editable(self) -> bool:
        return self.status == SetStatus.DRAFT


class Indicator(models.Model):
    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    pillar = models.CharField(_("pillar"), max_length=20, choices=Pillar.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # Percent for a percentage, a number for a count, ignored (1 = yes) for yes/no.
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, default=0)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.MANUAL)
    calculator = models.CharField(_("calculator"), max_length=60, blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator_set_id", "position", "code"]
        verbose_name = _("indicator")
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "code"], name="dx_indicator_code_unique")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class RecognitionLevel(models.Model):
    """A level a commune may be recognised at, e.g. đạt (score ≥ 80, all mandatory met) or
    nâng cao (≥ 95). The highest level whose rules hold is the one proposed."""

    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    min_score = models.DecimalField(_("minimum score"), max_digits=5, decimal_places=2)
    requires_all_mandatory = models.BooleanField(_("all mandatory indicators met"), default=True)
    rank = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["indicator_set_id", "rank"]
        verbose_name = _("recognition level")
        constraints = [models.UniqueConstraint(fields=["indicator_set", "code"], name="dx_level_code_unique")]

    def __str__(self):
        return self.name


class AssessmentStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered, being filled")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned to the commune")
    RECOGNISED = "recognised", _("Recognised")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")


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


# --- Community digital teams (tổ công nghệ số cộng đồng) ---------------------------------------


class DigitalTeam(models.Model):
    """A commune's team, or a village's (village set). About three people: the village head and
    two members, often from the Youth Union."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["commune_id", "village__name", "name"]
        verbose_name = _("digital team")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "village"],
                condition=models.Q(is_active=True, village__isnull=False),
                name="dx_one_active_team_per_village",
            )
        ]

    def __str__(self):
        return self.name


class TeamMember(models.Model):
    team = models.ForeignKey(DigitalTeam, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    role = models.CharField(_("role in the team"), max_length=100, blank=True)
    # The resident behind the member, when they have a profile or account on xaso.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    commune_path = "team__commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["team_id", "full_name"]

    def __str__(self):
        return self.full_name


class Training(models.Model):
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    attendees = models.ManyToManyField(TeamMember, related_name="trainings", blank=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self):
        return self.topic


class HelpAction(models.TextChoices):
    EID = "eid", _("Installed and activated the e-ID app (VNeID)")
    PAYMENT_ACCOUNT = "payment_account", _("Opened an e-payment account")
    ONLINE_DOSSIER = "online_dossier", _("Filed a first online dossier")
    DIGITAL_SIGNATURE = "digital_signature", _("Got a digital signature")
    ONLINE_SHOP = "online_shop", _("Opened an online shop")
    OTHER = "other", _("Other help")


# Actions that make someone a "digital citizen" for the indicator of that name.
DIGITAL_CITIZEN_ACTIONS = frozenset({HelpAction.EID, HelpAction.PAYMENT_ACCOUNT, HelpAction.ONLINE_DOSSIER})


class HelpLog(models.Model):
    """One door-to-door help, logged on a phone by a team member right after it happened."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        DigitalTeam, null=True, blank=True, on_delete=models.SET_NULL, related_name="help_logs"
    )
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A household named as the village knows it; `household_ref` keeps its code once households exist.
    household = models.CharField(_("household"), max_length=200)
    household_key = models.CharField(max_length=200, db_index=True)
    household_ref = models.CharField(_("household code"), max_length=40, blank=True)
    action = models.CharField(_("what was done"), max_length=20, choices=HelpAction.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    helped_on = models.DateField(_("date"))
    helper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-helped_on", "-pk"]
        indexes = [models.Index(fields=["commune", "helped_on"], name="dx_helplog_commune_date")]

    def __str__(self):
        return f"{self.household} — {self.get_action_display()}"


# --- Plans and targets ------------------------------------------------------------------------


class Plan(models.Model):
    """A digital transformation plan (kế hoạch) of a province, or of one commune (commune set),
    with objectives and tasks, and the province's numeric targets with their periodic figures."""

    province = models.ForeignKey("places.Province", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        "places.Commune", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    province_path = "province"
    objects = ScopedManager()

    class Meta:
        ordering = ["-year_from", "title"]
        verbose_name = _("plan")

    def __str__(self):
        return self.title


class Objective(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan_id", "position", "pk"]

    def __str__(self):
        return self.title


class TaskStatus(models.TextChoices):
    TODO = "todo", _("Not started")
    DOING = "doing", _("In progress")
    DONE = "done", _("Done")


class PlanTask(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    owner = models.CharField(_("owner"), max_length=150)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO)
    evidence = models.FileField(upload_to="dx/plans/%Y/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["objective_id", "deadline", "pk"]

    def __str__(self):
        return self.title


class Direction(models.TextChoices):
    AT_LEAST = "ge", _("at least")
    AT_MOST = "le", _("at most")


class Target(models.Model):
    """A numeric target of a plan, e.g. Ninh Bình: ≥ 90% of adults with a smartphone by 2025."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=20, default="%")
    direction = models.CharField(
        _("direction"), max_length=2, choices=Direction.choices, default=Direction.AT_LEAST
    )
    value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    due_year = models.PositiveSmallIntegerField(_("by year"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan_id", "position", "pk"]

    def __str__(self):
        return self.name

    def reached_by(self, figure) -> bool:
        return figure >= self.value if self.direction == Direction.AT_LEAST else figure <= self.value


class TargetFigure(models.Model):
    """A periodic figure for a target ("2024", "2025-Q1"), entered with its source."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="figures")
    period = models.CharField(_("period"), max_length=20)
    value = models.DecimalField(_("figure"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_id", "period"]
        constraints = [models.UniqueConstraint(fields=["target", "period"], name="dx_figure_one_per_period")]

    def __str__(self):
        return f"{self.period}: {self.value}"


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

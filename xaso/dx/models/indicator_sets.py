"""Indicator sets: a province's set per year, its indicators and the levels a commune may be
recognised at."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

"""Plans and targets of a province or a commune."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


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

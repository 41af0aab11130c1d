"""Plans and targets: objectives and tasks with their progress, targets against periodic figures."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaso.core.errors import USER_ERRORS, InvalidInput, NotAllowed
from xaso.core.forms import form_refusals, form_render
from xaso.core.permissions import require
from xaso.core.tenancy import scope_of
from xaso.dx import charts, selectors
from xaso.dx.forms import DATE_FORMATS
from xaso.dx.models import Direction, PlanTask, TaskStatus
from xaso.dx.permissions import MANAGE_PLANS, PLAN_REFUSED, can_manage_plan, plan_place
from xaso.dx.services import plans
from xaso.places.models import Commune, Province


class PlanForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    owner = forms.ChoiceField(label=gettext_lazy("Plan of"))
    year_from = forms.IntegerField(label=gettext_lazy("From year"), min_value=2020, max_value=2100)
    year_to = forms.IntegerField(label=gettext_lazy("To year"), min_value=2020, max_value=2100)
    example_targets = forms.BooleanField(
        label=gettext_lazy("Start with the Ninh Bình 2024–2025 targets"), required=False
    )

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners


def _owners(user) -> list[tuple[str, str]]:
    scope = scope_of(user, MANAGE_PLANS)
    communes = Commune.objects.filter(code__in=scope.commune_codes).order_by("code")
    provinces = Province.objects.filter(code__in=scope.province_codes)
    if scope.everything:
        provinces = Province.objects.all()
    return [(f"c:{c.code}", c.name) for c in communes] + [(f"p:{p.code}", p.name) for p in provinces]


@login_required
def plan_list(request):
    owners = _owners(request.user)
    form = PlanForm(request.POST or None, owners=owners) if owners else None
    if request.method == "POST":
        if form is None:
            raise NotAllowed(PLAN_REFUSED)
        if form.is_valid():
            kind, code = form.cleaned_data["owner"].split(":", 1)
            with form_refusals(form):
                plan = plans.plan_create(
                    actor=request.user,
                    commune=Commune.objects.get(code=code) if kind == "c" else None,
                    province=Province.objects.get(code=code) if kind == "p" else None,
                    title=form.cleaned_data["title"],
                    year_from=form.cleaned_data["year_from"],
                    year_to=form.cleaned_data["year_to"],
                    example_targets=form.cleaned_data["example_targets"],
                )
                messages.success(request, _("The plan was created."))
                return redirect("dx:plan", plan.pk)
    listing = selectors.plans_for(request.user)
    if not owners and not listing.exists() and scope_of(request.user, "core.view_commune").is_empty:
        raise NotAllowed(_("You do not work for a commune."))
    return form_render(request, "dx/plans.html", {"plans": listing, "form": form})


def _target_rows(plan):
    rows = []
    for target in plan.targets.prefetch_related("figures"):
        figures = list(target.figures.all())
        latest = figures[-1] if figures else None
        rows.append(
            {
                "target": target,
                "figures": figures,
                "latest": latest,
                "reached": target.reached_by(latest.value) if latest else None,
            }
        )
    return rows


@login_required
def plan_detail(request, plan_id: int):
    plan = selectors.plan_for(request.user, plan_id)
    progress = selectors.plan_progress(plan)
    targets = _target_rows(plan)
    total = sum(len(p.tasks) for p in progress)
    done = sum(p.done for p in progress)
    percent_targets = [r for r in targets if r["target"].unit == "%"]
    chart = charts.hbars(
        [
            (r["target"].name, r["latest"].value if r["latest"] else None, r["target"].value)
            for r in percent_targets
        ],
        title=_("Latest figure of each percentage target against the target"),
    )
    return render(
        request,
        "dx/plan.html",
        {
            "plan": plan,
            "progress": progress,
            "targets": targets,
            "chart": chart if percent_targets else "",
            "objective_chart": charts.hbars(
                [(p.objective.title, Decimal(p.percent), None) for p in progress],
                title=_("Share of tasks done per objective"),
            )
            if progress
            else "",
            "done": done,
            "total": total,
            "can_manage": can_manage_plan(request.user, plan),
            "statuses": TaskStatus.choices,
            "directions": Direction.choices,
        },
    )


@login_required
@require_POST
def plan_action(request, plan_id: int, action: str):
    plan = selectors.plan_for(request.user, plan_id)
    require(request.user, MANAGE_PLANS, **plan_place(plan), message=PLAN_REFUSED)
    post = request.POST
    try:
        if action == "objective":
            plans.objective_add(actor=request.user, plan=plan, title=post.get("title", ""))
        elif action == "task":
            objective = plan.objectives.filter(pk=_int(post.get("objective"))).first()
            if objective is None:
                raise InvalidInput(_("Choose an objective of this plan."), field="objective")
            plans.task_add(
                actor=request.user,
                objective=objective,
                title=post.get("title", ""),
                owner=post.get("owner", ""),
                deadline=_date(post.get("deadline", "")),
            )
        elif action == "task-status":
            task = PlanTask.objects.filter(objective__plan=plan, pk=_int(post.get("task"))).first()
            if task is None:
                raise InvalidInput(_("Choose a task of this plan."), field="task")
            plans.task_update(
                actor=request.user, task=task, status=post.get("status", ""), upload=request.FILES.get("file")
            )
        elif action == "target":
            plans.target_add(
                actor=request.user,
                plan=plan,
                name=post.get("name", ""),
                value=post.get("value", ""),
                unit=post.get("unit", "%"),
                direction=post.get("direction", "ge"),
                due_year=post.get("due_year") or None,
            )
        elif action == "figure":
            target = plan.targets.filter(pk=_int(post.get("target"))).first()
            if target is None:
                raise InvalidInput(_("Choose a target of this plan."), field="target")
            plans.target_figure_record(
                actor=request.user,
                target=target,
                period=post.get("period", ""),
                value=post.get("value", ""),
                source=post.get("source", ""),
            )
        else:
            raise InvalidInput(_("Unknown action."))
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Saved."))
    return redirect("dx:plan", plan.pk)


def _int(raw) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 0


def _date(raw):
    field = forms.DateField(input_formats=DATE_FORMATS)
    try:
        return field.clean(raw)
    except forms.ValidationError:
        return None

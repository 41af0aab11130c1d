"""Writes of plans and targets: a province's or a commune's plan with objectives and tasks
(owner, deadline, status, evidence), and numeric targets with periodic figures."""

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.permissions import require
from xaso.dx.files import evidence_check
from xaso.dx.models import Direction, Objective, Plan, PlanTask, Target, TargetFigure, TaskStatus
from xaso.dx.permissions import MANAGE_PLANS, PLAN_REFUSED, plan_place
from xaso.dx.workflow import TASK_FLOW, task_action

EXAMPLE_TARGETS = Path(__file__).resolve().parents[1] / "data" / "ninh_binh_targets.json"


def _text(raw, limit: int) -> str:
    return " ".join(str(raw or "").replace("\x00", "").split())[:limit]


def _number(raw, field: str) -> Decimal:
    try:
        number = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("Enter a number."), field=field) from None
    if not number.is_finite() or abs(number) > Decimal("999999999999"):
        raise InvalidInput(_("Enter a number."), field=field)
    return number.quantize(Decimal("0.01"))


def plan_create(
    *, actor, province=None, commune=None, title: str, year_from, year_to, example_targets: bool = False
) -> Plan:
    """Start a plan for a commune (commune staff) or a province (its supervisors). Rules: a title;
    years 2020–2100, from ≤ to; optionally with the Ninh Bình 2024–2025 targets as a start."""
    if commune is not None:
        province = commune.province
    if province is None:
        raise InvalidInput(_("Choose a province or a commune."))
    title = _text(title, 200)
    if not title:
        raise InvalidInput(_("Enter the plan's title."), field="title")
    try:
        year_from, year_to = int(year_from), int(year_to)
    except (TypeError, ValueError):
        raise InvalidInput(_("Enter a year such as 2025."), field="year_from") from None
    if not (2020 <= year_from <= year_to <= 2100):
        raise InvalidInput(
            _("The years run from 2020 to 2100, the first not after the last."), field="year_to"
        )
    plan = Plan(province=province, commune=commune, title=title, year_from=year_from, year_to=year_to)
    require(actor, MANAGE_PLANS, **plan_place(plan), message=PLAN_REFUSED)
    with transaction.atomic():
        plan.save()
        if example_targets:
            data = json.loads(EXAMPLE_TARGETS.read_text(encoding="utf-8"))
            Target.objects.bulk_create(
                Target(
                    plan=plan,
                    position=i,
                    name=t["name"],
                    unit=t["unit"],
                    direction=t["direction"],
                    value=Decimal(t["value"]),
                    due_year=t["due_year"],
                )
                for i, t in enumerate(data["targets"], start=1)
            )
        audit_record(
            actor=actor,
            action="plan.create",
            target=plan,
            commune_code=plan.commune_id or "",
            summary=title,
        )
    return plan


def objective_add(*, actor, plan: Plan, title: str) -> Objective:
    """Add an objective to a plan."""
    require(actor, MANAGE_PLANS, **plan_place(plan), message=PLAN_REFUSED)
    title = _text(title, 300)
    if not title:
        raise InvalidInput(_("Enter the objective."), field="title")
    with transaction.atomic():
        objective = Objective.objects.create(plan=plan, title=title, position=plan.objectives.count() + 1)
        audit_record(
            actor=actor,
            action="objective.add",
            target=objective,
            commune_code=plan.commune_id or "",
            summary=title,
        )
    return objective


def task_add(*, actor, objective: Objective, title: str, owner: str, deadline: date | None) -> PlanTask:
    """Add a task (owner, deadline) to an objective. Rules: a deadline within the plan's years."""
    plan = objective.plan
    require(actor, MANAGE_PLANS, **plan_place(plan), message=PLAN_REFUSED)
    title, owner = _text(title, 300), _text(owner, 150)
    if not title:
        raise InvalidInput(_("Enter the task."), field="title")
    if not owner:
        raise InvalidInput(_("Name who is responsible."), field="owner")
    if deadline is None or not (plan.year_from <= deadline.year <= plan.year_to):
        raise InvalidInput(_("Choose a deadline within the plan's years."), field="deadline")
    with transaction.atomic():
        task = PlanTask.objects.create(objective=objective, title=title, owner=owner, deadline=deadline)
        audit_record(
            actor=actor,
            action="plan_task.add",
            target=task,
            commune_code=plan.commune_id or "",
            summary=title,
        )
    return task


def task_update(*, actor, task: PlanTask, status: str, upload=None) -> PlanTask:
    """Move a task along (not started, in progress, done), optionally with an evidence file
    (checked like assessment evidence). Rules: the table workflow.TASK_FLOW; done records the day."""
    plan = task.objective.plan
    require(actor, MANAGE_PLANS, **plan_place(plan), message=PLAN_REFUSED)
    if status not in TaskStatus.values:
        raise InvalidInput(_("Choose a status from the list."), field="status")
    checked = evidence_check(upload) if upload is not None else None

    def attach(obj, _old):
        if checked is not None:
            obj.evidence = checked.content()
            obj.evidence_name = checked.original_name or "evidence"

    with transaction.atomic():
        task, _event = TASK_FLOW.apply(task, task_action(status), actor=actor, note=task.title, update=attach)
        if checked is not None:
            audit_record(
                actor=actor,
                action="plan_task.evidence_add",
                target=task,
                commune_code=plan.commune_id or "",
                summary=task.evidence_name,
            )
    return task


def target_add(
    *, actor, plan: Plan, name: str, value, unit: str = "%", direction: str = "ge", due_year=None
) -> Target:
    """Add a numeric target to a plan. Rules: a percentage is 0–100; the year within the plan."""
    require(actor, MANAGE_PLANS, **plan_place(plan), message=PLAN_REFUSED)
    name, unit = _text(name, 300), _text(unit, 20) or "%"
    if not name:
        raise InvalidInput(_("Enter the target's name."), field="name")
    number = _number(value, "value")
    if number < 0 or (unit == "%" and number > 100):
        raise InvalidInput(_("A percentage target is between 0 and 100."), field="value")
    if direction not in Direction.values:
        raise InvalidInput(_("Choose at least or at most."), field="direction")
    try:
        due_year = int(due_year or plan.year_to)
    except (TypeError, ValueError):
        raise InvalidInput(_("Enter a year such as 2025."), field="due_year") from None
    if not plan.year_from <= due_year <= plan.year_to:
        raise InvalidInput(_("Choose a year within the plan's years."), field="due_year")
    with transaction.atomic():
        target = Target.objects.create(
            plan=plan,
            name=name,
            unit=unit,
            direction=direction,
            value=number,
            due_year=due_year,
            position=plan.targets.count() + 1,
        )
        audit_record(
            actor=actor,
            action="target.add",
            target=target,
            commune_code=plan.commune_id or "",
            summary=name,
        )
    return target


def target_figure_record(*, actor, target: Target, period: str, value, source: str = "") -> TargetFigure:
    """Record the figure of a period ("2024", "2025-Q1"). Rules: one figure per period; a
    percentage is 0–100; recording a period again is refused (correct it in the admin)."""
    plan = target.plan
    require(actor, MANAGE_PLANS, **plan_place(plan), message=PLAN_REFUSED)
    period = _text(period, 20)
    if not period:
        raise InvalidInput(_("Enter the period, such as 2024 or 2025-Q1."), field="period")
    number = _number(value, "value")
    if number < 0 or (target.unit == "%" and number > 100):
        raise InvalidInput(_("A percentage is between 0 and 100."), field="value")
    try:
        with transaction.atomic():
            figure = TargetFigure.objects.create(
                target=target, period=period, value=number, source=_text(source, 200), entered_by=actor
            )
            audit_record(
                actor=actor,
                action="target_figure.record",
                target=figure,
                commune_code=plan.commune_id or "",
                summary=f"{target.name}: {period} = {number}",
            )
    except IntegrityError:
        raise InvalidInput(_("This period already has a figure."), field="period") from None
    return figure

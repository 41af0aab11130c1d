"""The dx lifecycles as tables run by the core engine (`xaso.core.workflow`).

Indicator set   draft ─publish→ published (frozen: a new year starts from a copy)

Assessment      registered ─submit→ submitted ─recognise→ recognised
                                       │      └─refuse──→ not_recognised
                                       └─return→ returned ─submit→ submitted

Plan task       todo / doing / done: from any status to any (`mark_<status>`; the same status
                again keeps it, e.g. to attach evidence); done stamps the day, leaving it clears it.

News item      draft ─publish→ published ─withdraw→ withdrawn ─publish→ published; the first
                publication stamps the date.

Roles are permission names of `xaso.accounts.roles.PERMISSIONS` (permissions.py): the actor holds
one over the object when `xaso.core.permissions.holds` says so in its commune or province. Guards that
refuse an incomplete object answer InvalidInput (422), as the forms did before the tables; the
engine answers a wrong state with Conflict (409) and a missing role with NotAllowed (403).
The assessment writes its timeline (AssessmentEvent); sets and tasks have none, the audit chain
records their moves.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from xaso.core.errors import InvalidInput
from xaso.core.permissions import holds
from xaso.core.workflow import Move, Transition, Workflow
from xaso.dx.models import (
    Assessment,
    AssessmentEvent,
    IndicatorSet,
    NewsItem,
    NewsStatus,
    PlanTask,
    ReviewStatus,
    SetStatus,
    Source,
    TaskStatus,
)
from xaso.dx.models import AssessmentStatus as S
from xaso.dx.permissions import FILL, MANAGE_PLANS, MANAGE_SETS, PUBLISH_NEWS, REVIEW, can_manage_plan
from xaso.dx.tasks import decision_pdf_render

# --- indicator sets ---------------------------------------------------------------------------


def _set_roles(actor, indicator_set: IndicatorSet) -> set[str]:
    return {MANAGE_SETS} if holds(actor, MANAGE_SETS, province_code=indicator_set.province_id) else set()


def _set_complete(indicator_set: IndicatorSet, actor) -> InvalidInput | None:
    if not indicator_set.indicators.exists():
        return InvalidInput(_("Add at least one indicator before publishing."))
    if not indicator_set.levels.exists():
        return InvalidInput(_("Add at least one recognition level before publishing."))
    return None


SET_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (SetStatus.DRAFT, "publish"): Transition(SetStatus.PUBLISHED, roles={MANAGE_SETS}, guard=_set_complete),
}

SET_FLOW = Workflow(
    name="indicator_set", statuses=SetStatus, transitions=SET_TRANSITIONS, roles_of=_set_roles
)


# --- assessments ------------------------------------------------------------------------------


def assessment_roles(actor, assessment: Assessment) -> set[str]:
    return {perm for perm in (FILL, REVIEW) if holds(actor, perm, commune=assessment.commune)}


def missing_before_submit(assessment: Assessment) -> list[str]:
    """Codes of the mandatory indicators still empty and of the typed values without evidence."""
    missing = []
    for value in assessment.values.select_related("indicator").prefetch_related("evidence"):
        typed = value.indicator.source == Source.MANUAL or value.entered_by_commune
        empty_mandatory = value.indicator.mandatory and not value.is_filled
        unbacked = typed and value.is_filled and not value.evidence.all()
        if empty_mandatory or unbacked:
            missing.append(value.indicator.code)
    return missing


def _ready_to_submit(assessment: Assessment, actor) -> InvalidInput | None:
    missing = missing_before_submit(assessment)
    if missing:
        return InvalidInput(
            _("Fill these indicators and attach their evidence before submitting: %(codes)s")
            % {"codes": ", ".join(missing)}
        )
    return None


def _some_value_returned(assessment: Assessment, actor) -> InvalidInput | None:
    if not assessment.values.filter(review_status=ReviewStatus.RETURNED).exists():
        return InvalidInput(_("Return at least one indicator with a comment first."))
    return None


def _every_value_accepted(assessment: Assessment, actor) -> InvalidInput | None:
    open_codes = list(
        assessment.values.exclude(review_status=ReviewStatus.ACCEPTED).values_list(
            "indicator__code", flat=True
        )
    )
    if open_codes:
        return InvalidInput(
            _("Accept every indicator before deciding (still open: %(codes)s).")
            % {"codes": ", ".join(open_codes)}
        )
    return None


def _render_decision(assessment: Assessment, move: Move) -> None:
    """The decision PDF is rendered by the task once the decision is committed."""
    assessment_id = assessment.pk
    transaction.on_commit(lambda: decision_pdf_render.enqueue(assessment_id))


def _decide(target: str, label) -> Transition:
    return Transition(
        target, roles={REVIEW}, guard=_every_value_accepted, effect=_render_decision, label=label
    )


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.REGISTERED, "submit"): Transition(
        S.SUBMITTED, roles={FILL}, guard=_ready_to_submit, label=gettext_lazy("Submit")
    ),
    (S.RETURNED, "submit"): Transition(
        S.SUBMITTED, roles={FILL}, guard=_ready_to_submit, label=gettext_lazy("Submit")
    ),
    (S.SUBMITTED, "return"): Transition(
        S.RETURNED, roles={REVIEW}, guard=_some_value_returned, label=gettext_lazy("Return")
    ),
    (S.SUBMITTED, "recognise"): _decide(S.RECOGNISED, gettext_lazy("Recognise")),
    (S.SUBMITTED, "refuse"): _decide(S.NOT_RECOGNISED, gettext_lazy("Refuse")),
}

ASSESSMENT_FLOW = Workflow(
    name="assessment",
    statuses=S,
    transitions=TRANSITIONS,
    roles_of=assessment_roles,
    event_model=AssessmentEvent,
    event_subject="assessment",
    commune_of=lambda a: a.commune_id,
)


# --- plan tasks -------------------------------------------------------------------------------


def _task_roles(actor, task: PlanTask) -> set[str]:
    return {MANAGE_PLANS} if can_manage_plan(actor, task.objective.plan) else set()


def _stamp_done(task: PlanTask, move: Move) -> None:
    task.done_on = timezone.localdate() if task.status == TaskStatus.DONE else None


def task_action(status: str) -> str:
    """The action that moves a task to `status`."""
    return f"mark_{status}"


TASK_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (old, task_action(new)): Transition(new, roles={MANAGE_PLANS}, effect=_stamp_done)
    for old in TaskStatus.values
    for new in TaskStatus.values
}

TASK_FLOW = Workflow(
    name="plan_task",
    statuses=TaskStatus,
    transitions=TASK_TRANSITIONS,
    roles_of=_task_roles,
    commune_of=lambda task: task.objective.plan.commune_id or "",
)


# --- news items -------------------------------------------------------------------------------


def _news_roles(actor, item: NewsItem) -> set[str]:
    return {PUBLISH_NEWS} if holds(actor, PUBLISH_NEWS, commune=item.commune) else set()


def _stamp_published(item: NewsItem, move: Move) -> None:
    if item.published_at is None:
        item.published_at = move.at


NEWS_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (NewsStatus.DRAFT, "publish"): Transition(
        NewsStatus.PUBLISHED,
        roles={PUBLISH_NEWS},
        effect=_stamp_published,
        label=pgettext_lazy("news", "Publish"),
    ),
    (NewsStatus.WITHDRAWN, "publish"): Transition(
        NewsStatus.PUBLISHED,
        roles={PUBLISH_NEWS},
        effect=_stamp_published,
        label=pgettext_lazy("news", "Publish"),
    ),
    (NewsStatus.PUBLISHED, "withdraw"): Transition(
        NewsStatus.WITHDRAWN, roles={PUBLISH_NEWS}, label=pgettext_lazy("news", "Withdraw")
    ),
}

NEWS_FLOW = Workflow(
    name="news_item",
    statuses=NewsStatus,
    transitions=NEWS_TRANSITIONS,
    roles_of=_news_roles,
    commune_of=lambda item: item.commune_id,
)

"""The feedback report's lifecycle as a table, run by xaso.core.workflow.

    received ─assign→ assigned (being handled)
    received / assigned / answered / resolved ─answer→ answered
                                               ─resolve→ resolved
                                               ─merge→ merged (into another report)

Giving a report to an officer moves a received report to "being handled" and leaves any other
open status as it is (the table's self-loops); a merged report takes no answer and no
assignment (answer the report it joined). Every transition needs `community.handle_feedback`
in the report's commune: the role a transition names is that permission, so who may act is
decided by the permission table in `xaso.accounts.roles`, as everywhere else. The engine locks
the report's row, refuses a state the actor did not see (`expected_status`), and writes the
timeline row (`FeedbackEvent`) and the audit entry.
"""

from django.utils.translation import gettext_lazy as _

from xaso.community.models import FeedbackEvent, FeedbackReport, FeedbackStatus
from xaso.community.permissions import HANDLE_FEEDBACK
from xaso.core.tenancy import scope_of
from xaso.core.workflow import Transition, Workflow

S = FeedbackStatus
HANDLERS = frozenset({HANDLE_FEEDBACK})
OPEN = (S.RECEIVED, S.ASSIGNED, S.ANSWERED, S.RESOLVED)

TRANSITIONS = {
    (S.RECEIVED, "assign"): Transition(S.ASSIGNED, roles=HANDLERS, label=_("Given to an officer")),
    **{
        (status, "assign"): Transition(status, roles=HANDLERS, label=_("Given to an officer"))
        for status in (S.ASSIGNED, S.ANSWERED, S.RESOLVED)
    },
    **{
        (status, "answer"): Transition(S.ANSWERED, roles=HANDLERS, label=_("Answered publicly"))
        for status in OPEN
    },
    **{
        (status, "resolve"): Transition(S.RESOLVED, roles=HANDLERS, label=_("Answered and resolved"))
        for status in OPEN
    },
    # A merged report may be merged again, into another open report (as before the table).
    **{
        (status, "merge"): Transition(S.MERGED, roles=HANDLERS, label=_("Merged into another report"))
        for status in (*OPEN, S.MERGED)
    },
}


def feedback_roles(actor, report: FeedbackReport) -> set[str]:
    """The permissions the actor holds in the report's commune, of those the table names."""
    commune = report.commune
    reach = scope_of(actor, HANDLE_FEEDBACK).reaches(
        commune_code=commune.code, province_code=commune.province_id
    )
    return set(HANDLERS) if reach else set()


FEEDBACK_FLOW = Workflow(
    name="feedback",
    statuses=FeedbackStatus,
    transitions=TRANSITIONS,
    roles_of=feedback_roles,
    event_model=FeedbackEvent,
    event_subject="report",
    commune_of=lambda report: report.commune_id,
)


def action_label(action: str) -> str:
    """The timeline's words for an action (the same for every status it leaves)."""
    for (_status, name), transition in TRANSITIONS.items():
        if name == action:
            return str(transition.label)
    return action

"""The dossier lifecycle as a table, run by xaso.core.workflow.

Roles are the actor's memberships in the dossier's commune, plus two words of this table:
"owner" (the citizen who filed it) and "assignee" (the specialist it is assigned to). Reading
down: filed online (submitted) or at the counter (received) → assigned → processing →
awaiting approval → approved / rejected → result ready → delivered; a supplement request pauses
the clock until the citizen resubmits; the citizen may withdraw until a decision; officers may
cancel a dossier filed in error.
"""

from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.core.calendar import local_today
from xaso.core.workflow import Transition, Workflow
from xaso.onestop.fees import delivery_refusal
from xaso.onestop.models import CLOCK_RUNNING, Channel, Dossier, DossierEvent, Status

S = Status
OWNER = "owner"
ASSIGNEE = "assignee"
INTAKE = {Role.ONE_STOP_OFFICER}
LEADER = {Role.COMMUNE_LEADER}
WITHDRAWABLE = (
    S.SUBMITTED,
    S.RECEIVED,
    S.ASSIGNED,
    S.PROCESSING,
    S.SUPPLEMENT_REQUESTED,
    S.RESUBMITTED,
)


def _at_counter(dossier, actor):
    # A citizen's online draft is theirs to submit; only a counter dossier is received as one.
    return None if dossier.channel == Channel.COUNTER else _("A citizen's draft cannot be received.")


TRANSITIONS = {
    (S.DRAFT, "submit"): Transition(S.SUBMITTED, roles={OWNER}, label=_("Submit")),
    (S.DRAFT, "receive"): Transition(S.RECEIVED, roles=INTAKE, guard=_at_counter, label=_("Receive")),
    # A linked follow-on (liên thông) opens itself when its parent is approved.
    (S.DRAFT, "open_linked"): Transition(
        S.RECEIVED,
        roles=LEADER | INTAKE,
        guard=lambda d, a: None if d.parent_id else _("Not a linked dossier."),
    ),
    (S.DRAFT, "cancel"): Transition(S.CANCELLED, roles={OWNER}, label=_("Discard draft")),
    (S.SUBMITTED, "receive"): Transition(S.RECEIVED, roles=INTAKE, label=_("Accept")),
    (S.SUBMITTED, "reject"): Transition(S.REJECTED, roles=INTAKE | LEADER, label=_("Refuse")),
    (S.RECEIVED, "assign"): Transition(S.ASSIGNED, roles=INTAKE | LEADER, label=_("Assign")),
    (S.ASSIGNED, "assign"): Transition(S.ASSIGNED, roles=INTAKE | LEADER, label=_("Reassign")),
    (S.ASSIGNED, "start"): Transition(S.PROCESSING, roles={ASSIGNEE}, label=_("Start processing")),
    (S.PROCESSING, "request_supplement"): Transition(
        S.SUPPLEMENT_REQUESTED, roles={ASSIGNEE}, label=_("Request a supplement")
    ),
    (S.SUPPLEMENT_REQUESTED, "resubmit"): Transition(
        S.RESUBMITTED, roles={OWNER} | INTAKE, label=_("Resubmit")
    ),
    (S.RESUBMITTED, "start"): Transition(S.PROCESSING, roles={ASSIGNEE}, label=_("Resume processing")),
    (S.PROCESSING, "propose"): Transition(
        S.AWAITING_APPROVAL, roles={ASSIGNEE}, label=_("Send for approval")
    ),
    (S.AWAITING_APPROVAL, "approve"): Transition(S.APPROVED, roles=LEADER, label=_("Approve")),
    (S.AWAITING_APPROVAL, "reject"): Transition(S.REJECTED, roles=LEADER, label=_("Reject")),
    (S.AWAITING_APPROVAL, "send_back"): Transition(S.PROCESSING, roles=LEADER, label=_("Send back")),
    (S.APPROVED, "result_ready"): Transition(
        S.RESULT_READY, roles=INTAKE | {ASSIGNEE}, label=_("Result is ready")
    ),
    # The result waits for an unpaid fee whose payment request is open (see fees.py).
    (S.RESULT_READY, "deliver"): Transition(
        S.DELIVERED, roles=INTAKE, guard=delivery_refusal, label=_("Deliver the result")
    ),
    **{
        (status, "withdraw"): Transition(S.WITHDRAWN, roles={OWNER}, label=_("Withdraw"))
        for status in WITHDRAWABLE
    },
    **{
        (status, "cancel"): Transition(S.CANCELLED, roles=INTAKE | LEADER, label=_("Cancel"))
        for status in (S.SUBMITTED, S.RECEIVED, S.ASSIGNED)
    },
}


def _is_late(dossier, actor):
    today = local_today()
    if dossier.due_date is None or dossier.due_date >= today:
        return _("The dossier is not late.")
    return None


# A late dossier gets an apology letter with a new appointment date; its status does not move.
TRANSITIONS.update(
    {
        (status, "apologise"): Transition(
            status,
            roles=INTAKE | LEADER | {ASSIGNEE},
            guard=_is_late,
            label=_("Apologise and set a new date"),
        )
        for status in CLOCK_RUNNING
    }
)


def dossier_roles(actor, dossier: Dossier) -> set[str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return set()
    roles = {m.role for m in actor.active_memberships if m.commune_id == dossier.commune_id}
    if dossier.citizen_id is not None and dossier.citizen_id == actor.pk:
        roles.add(OWNER)
    if dossier.assignee_id is not None and dossier.assignee_id == actor.pk:
        roles.add(ASSIGNEE)
    return roles


DOSSIER_FLOW = Workflow(
    name="dossier",
    statuses=Status,
    transitions=TRANSITIONS,
    roles_of=dossier_roles,
    event_model=DossierEvent,
    event_subject="dossier",
    commune_of=lambda dossier: dossier.commune_id,
)


def action_label(status: str, action: str) -> str:
    transition = DOSSIER_FLOW.transition(status, action)
    return str(transition.label) if transition else action

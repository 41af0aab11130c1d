"""The dossier lifecycle as a table, run by xaso.core.workflow.

Roles are the actor's memberships in the dossier's commune, plus two words of this table:
"owner" (the citizen who filed it) and "assignee" (the specialist it is assigned to). The staff
roles of each transition come from the permission table (`xaso.accounts.roles`):
`onestop.receive_dossiers` (intake) and `onestop.decide_dossiers` (the leader's decisions).
Reading down: filed online (submitted) or at the counter (received) → assigned → processing →
awaiting approval → approved / rejected → result ready → delivered; a supplement request pauses
the clock until the citizen resubmits; the citizen may withdraw until a decision; officers may
cancel a dossier filed in error. What each transition does beside its status is declared here
too (`effect`, `after`: xaso.onestop.effects). The leader signs the result of an approved
dossier (`sign_result`, its status unchanged: xaso.onestop.results); the clerk then issues it
with the commune's seal (`issue_result`, a timeline row, its status unchanged:
xaso.onestop.issuance), and a signed result is delivered only once issued.
"""

from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import roles_with
from xaso.core.calendar import local_today
from xaso.core.workflow import Transition, Workflow
from xaso.documents.models import SignedDocument
from xaso.onestop import effects as fx
from xaso.onestop.fees import delivery_refusal
from xaso.onestop.models import CLOCK_RUNNING, Channel, Dossier, DossierEvent, Status
from xaso.onestop.selectors import SIGNED_RESULT_SUBJECT

S = Status
OWNER = "owner"
ASSIGNEE = "assignee"
RECEIVE = "onestop.receive_dossiers"
DECIDE = "onestop.decide_dossiers"
ISSUE = "onestop.issue_results"
INTAKE = roles_with(RECEIVE)
LEADER = roles_with(DECIDE)
ISSUER = roles_with(ISSUE)
WITHDRAWABLE = (
    S.SUBMITTED,
    S.RECEIVED,
    S.ASSIGNED,
    S.PROCESSING,
    S.SUPPLEMENT_REQUESTED,
    S.RESUBMITTED,
)
# A result may be signed from approval until it is handed over.
SIGNABLE = (S.APPROVED, S.RESULT_READY)
# Actions taken on their own page, not through `dossier_act` nor among the page's buttons.
OWN_PAGE = frozenset({"sign_result", "issue_result"})


def _at_counter(dossier, actor):
    # A citizen's online draft is theirs to submit; only a counter dossier is received as one.
    return None if dossier.channel == Channel.COUNTER else _("A citizen's draft cannot be received.")


def _is_signed(dossier) -> bool:
    signed = SignedDocument.objects.filter(subject_type=SIGNED_RESULT_SUBJECT, subject_id=str(dossier.pk))
    return signed.exists()


def is_issued(dossier) -> bool:
    """Whether the clerk has issued the dossier's signed result (its `issue_result` row)."""
    return DossierEvent.objects.filter(dossier_id=dossier.pk, action="issue_result").exists()


def _unsigned(dossier, actor):
    return _("This dossier's result is already signed.") if _is_signed(dossier) else None


def _signed_not_issued(dossier, actor):
    if not _is_signed(dossier):
        return _("The leader has not signed this dossier's result yet.")
    return _("This dossier's result is already issued.") if is_issued(dossier) else None


def _deliverable(dossier, actor):
    # A signed result is a paper only once the clerk has issued it under the commune's seal.
    refusal = delivery_refusal(dossier, actor)
    if refusal:
        return refusal
    if _is_signed(dossier) and not is_issued(dossier):
        return _(
            "The signed result must be issued by the clerk with the commune's seal before it is delivered."
        )
    return None


TRANSITIONS = {
    (S.DRAFT, "submit"): Transition(
        S.SUBMITTED, roles={OWNER}, label=_("Submit"), effect=fx.filed_online, after=fx.fee_asked
    ),
    (S.DRAFT, "receive"): Transition(
        S.RECEIVED,
        roles=INTAKE,
        guard=_at_counter,
        label=_("Receive"),
        effect=fx.filed,
        after=fx.fee_asked,
    ),
    # A linked follow-on (liên thông) opens itself when its parent is approved.
    (S.DRAFT, "open_linked"): Transition(
        S.RECEIVED,
        roles=LEADER | INTAKE,
        guard=lambda d, a: None if d.parent_id else _("Not a linked dossier."),
        effect=fx.filed,
        after=fx.fee_shared,
    ),
    (S.DRAFT, "cancel"): Transition(
        S.CANCELLED, roles={OWNER}, label=_("Discard draft"), after=fx.fee_dropped
    ),
    (S.SUBMITTED, "receive"): Transition(S.RECEIVED, roles=INTAKE, label=_("Accept"), effect=fx.accepted),
    (S.SUBMITTED, "reject"): Transition(
        S.REJECTED, roles=INTAKE | LEADER, label=_("Refuse"), effect=fx.finished, after=fx.fee_dropped
    ),
    (S.RECEIVED, "assign"): Transition(
        S.ASSIGNED, roles=INTAKE | LEADER, label=_("Assign"), effect=fx.assigned
    ),
    (S.ASSIGNED, "assign"): Transition(
        S.ASSIGNED, roles=INTAKE | LEADER, label=_("Reassign"), effect=fx.assigned
    ),
    (S.ASSIGNED, "start"): Transition(S.PROCESSING, roles={ASSIGNEE}, label=_("Start processing")),
    (S.PROCESSING, "request_supplement"): Transition(
        S.SUPPLEMENT_REQUESTED, roles={ASSIGNEE}, label=_("Request a supplement"), effect=fx.paused
    ),
    (S.SUPPLEMENT_REQUESTED, "resubmit"): Transition(
        S.RESUBMITTED, roles={OWNER} | INTAKE, label=_("Resubmit"), effect=fx.resumed
    ),
    (S.RESUBMITTED, "start"): Transition(S.PROCESSING, roles={ASSIGNEE}, label=_("Resume processing")),
    (S.PROCESSING, "propose"): Transition(
        S.AWAITING_APPROVAL, roles={ASSIGNEE}, label=_("Send for approval")
    ),
    (S.AWAITING_APPROVAL, "approve"): Transition(
        S.APPROVED, roles=LEADER, label=_("Approve"), effect=fx.decided, after=fx.approved
    ),
    (S.AWAITING_APPROVAL, "reject"): Transition(
        S.REJECTED, roles=LEADER, label=_("Reject"), effect=fx.finished, after=fx.fee_dropped
    ),
    (S.AWAITING_APPROVAL, "send_back"): Transition(S.PROCESSING, roles=LEADER, label=_("Send back")),
    (S.APPROVED, "result_ready"): Transition(
        S.RESULT_READY, roles=INTAKE | {ASSIGNEE}, label=_("Result is ready"), effect=fx.finished
    ),
    # The result waits for an unpaid fee whose payment request is open (see fees.py).
    (S.RESULT_READY, "deliver"): Transition(
        S.DELIVERED, roles=INTAKE, guard=_deliverable, label=_("Deliver the result")
    ),
    **{
        (status, "withdraw"): Transition(
            S.WITHDRAWN, roles={OWNER}, label=_("Withdraw"), after=fx.fee_dropped
        )
        for status in WITHDRAWABLE
    },
    **{
        (status, "cancel"): Transition(
            S.CANCELLED, roles=INTAKE | LEADER, label=_("Cancel"), after=fx.fee_dropped
        )
        for status in (S.SUBMITTED, S.RECEIVED, S.ASSIGNED)
    },
    # Signing makes the signed result beside the dossier (results.dossier_result_sign, through
    # the engine's `hold`): the status stays, no timeline row.
    **{(status, "sign_result"): Transition(status, roles=LEADER, guard=_unsigned) for status in SIGNABLE},
    # Issuing seals the signed result (issuance.dossier_result_issue, through `apply`): the
    # status stays; the timeline row (with the issuance number) is what "issued" means.
    **{
        (status, "issue_result"): Transition(
            status, roles=ISSUER, guard=_signed_not_issued, label=_("Issue the result")
        )
        for status in SIGNABLE
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
            effect=fx.apology_set,
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
    not_offered={
        "sign_result": _("A result is signed after the dossier is approved and before it is delivered."),
        "issue_result": _("A result is issued after the leader signs it and before it is delivered."),
    },
    not_allowed={
        "sign_result": _("Only a leader of the commune signs a dossier's result."),
        "issue_result": _("Only the clerk of the commune issues a dossier's result with its seal."),
    },
)


def action_label(status: str, action: str) -> str:
    transition = DOSSIER_FLOW.transition(status, action)
    return str(transition.label) if transition else action


def dossier_actions(dossier: Dossier, actor) -> list[str]:
    """The actions the dossier's page and the API offer `actor` now (`dossier_act` takes them):
    the table's allowed actions but those taken on their own page (signing the result)."""
    return [
        a
        for a in DOSSIER_FLOW.actions_from(dossier.status)
        if a not in OWN_PAGE and DOSSIER_FLOW.can(dossier, a, actor)
    ]

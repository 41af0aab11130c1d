"""The registry's flows as tables, run by core.workflow's engine.

Incoming: registered → assigned (to a handler, with a deadline) → handling → done.
Outgoing: draft → review → signed (the leader's digital signature) → issued (the register
number is given and the organisation's seal signs it) → distributed (to the recipients).
Roles are the app's words: "registrar" (clerk or leader of the document's commune), "leader",
"handler" (the person the document is assigned to), "author" (who drafted it), "staff"."""

from django.utils.translation import gettext_lazy as _

from xaso.core.permissions import holds
from xaso.core.workflow import Transition, Workflow
from xaso.documents.models import DocumentEvent
from xaso.documents.models import DocumentStatus as S

REGISTER = "documents.register"
SIGN = "documents.sign"
VIEW = "documents.view"


def document_roles(actor, doc) -> set[str]:
    roles = set()
    if holds(actor, REGISTER, commune=doc.commune):
        roles.add("registrar")
    if holds(actor, SIGN, commune=doc.commune):
        roles.add("leader")
    if holds(actor, VIEW, commune=doc.commune):
        roles.add("staff")
    if actor is not None and doc.handler_id is not None and doc.handler_id == actor.pk:
        roles.add("handler")
    if actor is not None and doc.created_by_id is not None and doc.created_by_id == actor.pk:
        roles.add("author")
    return roles


def _is_signed(doc, actor):
    return None if doc.signed_document_id else _("The document has not been signed yet.")


INCOMING = {
    (S.REGISTERED, "assign"): Transition(S.ASSIGNED, {"registrar", "leader"}, label=_("Assign")),
    (S.ASSIGNED, "assign"): Transition(S.ASSIGNED, {"registrar", "leader"}, label=_("Reassign")),
    (S.ASSIGNED, "start"): Transition(S.HANDLING, {"handler"}, label=_("Start handling")),
    (S.ASSIGNED, "finish"): Transition(S.DONE, {"handler", "leader"}, label=_("Mark as done")),
    (S.HANDLING, "finish"): Transition(S.DONE, {"handler", "leader"}, label=_("Mark as done")),
    (S.HANDLING, "assign"): Transition(S.ASSIGNED, {"registrar", "leader"}, label=_("Reassign")),
}

OUTGOING = {
    (S.DRAFT, "submit"): Transition(
        S.IN_REVIEW, {"author", "registrar", "leader"}, label=_("Send for review")
    ),
    (S.IN_REVIEW, "return"): Transition(S.DRAFT, {"leader"}, label=_("Return for changes")),
    (S.IN_REVIEW, "sign"): Transition(S.SIGNED, {"leader"}, label=_("Sign")),
    (S.SIGNED, "issue"): Transition(S.ISSUED, {"registrar"}, _is_signed, _("Issue")),
    (S.ISSUED, "distribute"): Transition(S.DISTRIBUTED, {"registrar"}, label=_("Distribute")),
}


def _commune(doc) -> str:
    return doc.commune_id


INCOMING_FLOW = Workflow(
    name="incoming_document",
    statuses=S,
    transitions=INCOMING,
    roles_of=document_roles,
    event_model=DocumentEvent,
    event_subject="document",
    commune_of=_commune,
)
OUTGOING_FLOW = Workflow(
    name="outgoing_document",
    statuses=S,
    transitions=OUTGOING,
    roles_of=document_roles,
    event_model=DocumentEvent,
    event_subject="document",
    commune_of=_commune,
)


def flow_of(doc) -> Workflow:
    return INCOMING_FLOW if doc.direction == "in" else OUTGOING_FLOW

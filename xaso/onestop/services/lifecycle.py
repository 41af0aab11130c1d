"""A dossier's life after filing: every action an officer, a leader or the citizen takes on it
(`dossier_act`), run by the workflow table (xaso.onestop.workflow), whose transitions declare
what each action does beside the status (xaso.onestop.effects)."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.core.calendar import local_today
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.core.permissions import holds
from xaso.onestop.effects import citizen_tell
from xaso.onestop.forms import clean_data
from xaso.onestop.models import Dossier, Status
from xaso.onestop.selectors import PROCESS, supplement_brought
from xaso.onestop.workflow import DOSSIER_FLOW, OWN_PAGE

# Actions whose note the citizen needs to act on or to understand a refusal.
NOTE_REQUIRED = {"request_supplement", "reject", "send_back", "cancel", "apologise"}
# Notes the citizen must read to act or to understand what was decided: never internal.
NOTE_TO_CITIZEN = {
    "request_supplement",
    "reject",
    "cancel",
    "apologise",
    "approve",
    "result_ready",
    "withdraw",
    "resubmit",
}
# A citizen who withdraws says why: the commune reads it in the timeline (and the audit).
WITHDRAW_REASON_MAX = 1000


def _assignee_check(dossier: Dossier, assignee: User | None) -> User:
    if assignee is None:
        raise InvalidInput(_("Choose the officer to handle the dossier."), field="assignee")
    if not holds(assignee, PROCESS, commune=dossier.commune):
        raise InvalidInput(_("This person cannot process this commune's dossiers."), field="assignee")
    return assignee


def dossier_act(
    *,
    actor: User,
    dossier: Dossier,
    action: str,
    note: str = "",
    assignee: User | None = None,
    data: dict | None = None,
    expected_status: str | None = None,
    new_date: date | None = None,
    internal: bool = False,
) -> Dossier:
    """Take one lifecycle action (the table in workflow.py says who may, and when). Rules: a
    note is required to request a supplement, reject, send back or cancel, and a reason to
    withdraw; assigning names an
    officer of the commune who can process; a supplement pauses the clock and resubmitting
    (with a paper attached since the request, or corrected answers) moves the due date by the
    working days waited; approval opens linked follow-ons. A note is `internal` (staff only:
    not on the citizen's page, API or message) when the officer says so, except on the steps
    whose note the citizen must read (NOTE_TO_CITIZEN)."""
    note = (note or "").strip()
    if action not in DOSSIER_FLOW.actions() or action in {"submit", "open_linked"} | OWN_PAGE:
        raise InvalidInput(_("Unknown action."), field="action")
    # Who may act is answered before what they typed; the engine checks everything again
    # under the row lock.
    refusal = DOSSIER_FLOW.refusal(dossier, action, actor)
    if isinstance(refusal, NotAllowed):
        raise refusal
    if action in NOTE_REQUIRED and not note:
        raise InvalidInput(_("Write a note for the citizen."), field="note")
    if action == "withdraw" and not note:
        raise InvalidInput(_("Say why you withdraw the dossier."), field="note")
    if action == "withdraw" and len(note) > WITHDRAW_REASON_MAX:
        raise InvalidInput(_("The reason is too long (1,000 characters at most)."), field="note")
    if action == "assign":
        _assignee_check(dossier, assignee)
    if action == "apologise" and (new_date is None or new_date <= local_today()):
        raise InvalidInput(_("Give a new appointment date after today."), field="new_date")
    cleaned = clean_data(dossier.procedure.form, data) if data is not None else None
    answering = action == "resubmit" and dossier.status == Status.SUPPLEMENT_REQUESTED
    if answering and not supplement_brought(dossier, cleaned):
        raise InvalidInput(
            _("Attach the papers asked for, or correct the answers, before resubmitting."), field="file"
        )
    internal = bool(internal and note) and action not in NOTE_TO_CITIZEN
    with transaction.atomic():
        # What each action does beside its status is declared in the table (workflow.py).
        dossier, _event = DOSSIER_FLOW.apply(
            dossier,
            action,
            actor=actor,
            note=note,
            expected_status=expected_status,
            data={"assignee": assignee.full_name} if assignee else None,
            args={"assignee": assignee, "data": cleaned, "new_date": new_date},
            event_fields={"internal": internal},
        )
        citizen_tell(dossier, note="" if internal else note)
    return dossier

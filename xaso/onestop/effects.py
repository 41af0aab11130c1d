"""What moving a dossier does beside its status, declared on the transitions of the table in
xaso.onestop.workflow (`effect(dossier, move)` before the save, `after(dossier, move)` once the
event row is written) and run by the engine (xaso.core.workflow): the marks a dossier gets when
it leaves the draft state (code, receipt time, due date), its search columns, the clock paused
and resumed, the decision's note, the fee asked, shared or withdrawn, linked follow-ons opened.
Also the message its citizen gets, which the services send after every move."""

import re
import secrets
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from xaso.accounts.models import CitizenProfile
from xaso.core.calendar import WorkingCalendar, local_today
from xaso.core.counters import next_number
from xaso.core.privacy import MASKED_FIELD_TYPES
from xaso.core.text import fold_all
from xaso.core.workflow import Move
from xaso.notify.services import notify_send
from xaso.onestop.fees import fee_inherit, fee_request_open, fee_request_withdraw
from xaso.onestop.hooks import approved_run
from xaso.onestop.models import Dossier, DossierCounter, DossierGroup, Procedure, Status
from xaso.places.models import Commune


def code_allocate(commune: Commune, moment: datetime) -> str:
    """The next dossier code of the commune for the day: `<commune>-<yymmdd>-<sequence>`.
    Rules: runs in the filing transaction, the counter row locked, so codes are unique across
    the country (commune codes are) and have no gaps (a rolled-back filing gives its number back)."""
    day = local_today(moment)
    return f"{commune.code}-{day:%y%m%d}-{next_number(DossierCounter, commune=commune, day=day):04d}"


def dossier_stamp(dossier: Dossier, now: datetime) -> None:
    """Give a dossier leaving the draft state its code, receipt time and due date."""
    dossier.code = code_allocate(dossier.commune, now)
    dossier.received_at = now
    dossier.due_date = WorkingCalendar.load().due_date(now, dossier.procedure.processing_days)
    dossier.original_due_date = dossier.due_date


def search_text_of(dossier: Dossier) -> str:
    """What anyone who may see the dossier can find it by: its code and the applicant's name.
    Personal numbers go to `search_numbers_of` (the queue matches them for some readers only)."""
    return fold_all(dossier.code, dossier.applicant_name)


def search_numbers_of(dossier: Dossier) -> str:
    """The dossier's personal numbers (applicant's phone, answers of `phone` and `personal_id`
    fields), digits only, for the queue's search by those who see them in full."""
    numbers = [dossier.applicant_phone or ""]
    for spec in dossier.procedure.form:
        if spec.get("type") in MASKED_FIELD_TYPES:
            numbers.append(str((dossier.data or {}).get(spec["name"]) or ""))
    digits = [re.sub(r"\D", "", n) for n in numbers]
    return " ".join(dict.fromkeys(d for d in digits if d))[:200]


def dossier_index(dossier: Dossier) -> None:
    dossier.search_text = search_text_of(dossier)
    dossier.search_numbers = search_numbers_of(dossier)


def citizen_tell(dossier: Dossier, *, note: str = "") -> None:
    """Tell the dossier's citizen (if it has an account) its new status, with the note."""
    if dossier.citizen_id is None:
        return
    status = Status(dossier.status).label
    body = _("Your dossier %(code)s (%(procedure)s) is now: %(status)s.") % {
        "code": dossier.code,
        "procedure": dossier.procedure.name,
        "status": status,
    }
    if note:
        body += "\n" + note
    notify_send(
        recipient=dossier.citizen,
        subject=_("Dossier %(code)s: %(status)s") % {"code": dossier.code, "status": status},
        body=body,
        link=reverse("onestop:dossier", args=[dossier.code]),
        ref=f"dossier:{dossier.code}",
    )


def applicant_of(data: dict, profile: CitizenProfile | None) -> tuple[str, str]:
    """The applicant's name and phone: typed in the form, else from the citizen's profile."""
    name = data.get("applicant_name") or (profile.full_name if profile else "")
    phone = data.get("applicant_phone") or (profile.phone if profile else "")
    return name[:150], phone[:10]


# --- effects of the transitions (see xaso.onestop.workflow's table) ------------------------
def filed_online(dossier: Dossier, move: Move) -> None:
    """Submitted online: the checked answers (`args["data"]`), the applicant, the marks."""
    cleaned = move.args["data"]
    dossier.data = cleaned
    dossier.applicant_name, dossier.applicant_phone = applicant_of(cleaned, dossier.profile)
    filed(dossier, move)


def filed(dossier: Dossier, move: Move) -> None:
    """Leaving the draft state: code, receipt time and due date, and the search columns."""
    dossier_stamp(dossier, move.at)
    dossier_index(dossier)


def fee_asked(dossier: Dossier, move: Move) -> None:
    """A root dossier filed: its fee fixed and, if it costs something, a payment request."""
    fee_request_open(dossier, actor=move.actor)


def fee_shared(dossier: Dossier, move: Move) -> None:
    """A follow-on opened: its fee paid through its parent's request (`args["parent"]`)."""
    fee_inherit(dossier, move.args["parent"])


def fee_dropped(dossier: Dossier, move: Move) -> None:
    """Withdrawn, cancelled or refused: its unpaid request is withdrawn."""
    fee_request_withdraw(dossier, actor=move.actor)


def accepted(dossier: Dossier, move: Move) -> None:
    dossier.received_by = move.actor


def assigned(dossier: Dossier, move: Move) -> None:
    dossier.assignee = move.args["assignee"]


def paused(dossier: Dossier, move: Move) -> None:
    """A supplement requested: the clock stops today."""
    dossier.paused_on = local_today(move.at)


def resumed(dossier: Dossier, move: Move) -> None:
    """Resubmitted: corrected answers (`args["data"]`, if any) kept, the due date moved by the
    working days waited, the clock running again."""
    cleaned = move.args.get("data")
    if cleaned is not None:
        dossier.data = cleaned
        dossier_index(dossier)
    if dossier.paused_on is not None and dossier.due_date is not None:
        dossier.due_date = WorkingCalendar.load().extend_due_date(
            dossier.due_date, paused_on=dossier.paused_on, resumed_on=local_today(move.at)
        )
    dossier.paused_on = None


def decided(dossier: Dossier, move: Move) -> None:
    """The decision's note, for the citizen (the last one kept when none is given)."""
    dossier.result_note = move.note or dossier.result_note


def finished(dossier: Dossier, move: Move) -> None:
    """Settled (refused, or the result ready): the moment, and the note."""
    dossier.finished_at = move.at
    decided(dossier, move)


def apology_set(dossier: Dossier, move: Move) -> None:
    """A late dossier's apology: the new appointment date (`args["new_date"]`) and the reason."""
    dossier.apology_date = move.args["new_date"]
    dossier.apology_reason = move.note


def approved(dossier: Dossier, move: Move) -> None:
    """Approved: the apps plugged in (xaso.onestop.hooks: the civil-status register) record what
    the approval makes, then the linked procedures open."""
    approved_run(dossier, move)
    follow_ons_open(dossier, move)


def follow_ons_open(parent: Dossier, move: Move) -> list[Dossier]:
    """Approved: start the procedures linked to the parent's (liên thông), data carried over by
    field name, in the parent's group (created on first use); their fees ride on the parent's
    payment request (one payment for the group, see fees.py)."""
    codes = parent.procedure.follow_ons
    if not codes:
        return []
    if parent.group_id is None:
        parent.group = DossierGroup.objects.create(commune=parent.commune)
        Dossier.objects.filter(pk=parent.pk).update(group=parent.group)
    opened = []
    for procedure in Procedure.objects.filter(code__in=codes, is_active=True):
        carried = {f["name"]: parent.data[f["name"]] for f in procedure.form if f["name"] in parent.data}
        child = Dossier.objects.create(
            token=secrets.token_urlsafe(16),
            commune=parent.commune,
            procedure=procedure,
            channel=parent.channel,
            citizen=parent.citizen,
            profile=parent.profile,
            village=parent.village,
            applicant_name=parent.applicant_name,
            applicant_phone=parent.applicant_phone,
            data=carried,
            group=parent.group,
            parent=parent,
        )
        child, _event = move.flow.apply(
            child,
            "open_linked",
            actor=move.actor,
            note=_("Linked to %(code)s") % {"code": parent.code},
            args={"parent": parent},
            at=move.at,
        )
        citizen_tell(child)
        opened.append(child)
    return opened

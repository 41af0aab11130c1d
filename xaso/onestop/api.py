"""The one-stop shop's JSON API: /procedures, /dossiers, /lookup (mounted in xaso/api.py)."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Header, Router, Schema
from ninja.responses import Status

from xaso.core.api.schemas import In
from xaso.core.bounds import Day
from xaso.core.errors import InvalidInput
from xaso.onestop import selectors as sel
from xaso.onestop.fee_tiers import schedule_check, schedule_text
from xaso.onestop.fees import fee_summary
from xaso.onestop.forms import json_schema
from xaso.onestop.lookup import lookup_dossier
from xaso.onestop.services.filing import dossier_receipt, dossier_submit, dossier_submit_once
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.services.reading import dossier_view_record
from xaso.onestop.workflow import dossier_actions
from xaso.places.models import Commune

procedures_router = Router(tags=["procedures"])
dossiers_router = Router(tags=["dossiers"])
lookup_router = Router(tags=["lookup"])


class ProcedureOut(Schema):
    code: str
    national_code: str
    name: str
    field: str
    processing_days: int
    fee: int
    online_level: str


class FeeTierOut(Schema):
    from_page: int
    price: int  # đồng for each page from `from_page` on


class FeeScheduleOut(Schema):
    """The fee priced per page in tiers (data fields "pages" and "copies"): the sum of the
    tiers over the pages, at most `cap_per_copy` a copy, times the copies."""

    per: str
    tiers: list[FeeTierOut]
    cap_per_copy: int | None
    text: str  # the schedule in words, in the caller's language


class ProcedureDetailOut(ProcedureOut):
    description: str
    papers: list[str]
    fee_note: str
    fee_per_copy: bool  # the fee is due once for each copy asked for (data field "copies")
    # Per page in tiers (then `fee` is the price of the first page); null: `fee` applies.
    fee_schedule: FeeScheduleOut | None

    @staticmethod
    def resolve_fee_schedule(procedure) -> dict | None:
        return _schedule_out(procedure.fee_schedule)

    legal_basis: str
    follow_ons: list[str]
    form: list[dict]
    data_schema: dict


@procedures_router.get("", response=list[ProcedureOut], auth=None)
def procedures(request, q: str = "", commune: str | None = None):
    """Procedures whose name or code matches `q` (diacritics ignored); with `commune`, only the
    ones that commune offers."""
    where = Commune.objects.filter(code=commune).first() if commune else None
    return list(sel.procedures_search(q=q, commune=where)[:200])


@procedures_router.get("/{code}", response=ProcedureDetailOut, auth=None)
def procedure(request, code: str):
    """One procedure with its form definition and the JSON Schema of a dossier's `data`."""
    found = sel.procedure_get(code)
    found.data_schema = json_schema(found.form)
    return found


def _schedule_out(schedule: dict) -> dict | None:
    """The schedule for the API; None when there is none, or one the admin broke (filing
    refuses it then, with a 422)."""
    if not schedule or schedule_check(schedule):
        return None
    return {
        "per": schedule["per"],
        "tiers": [{"from_page": start, "price": price} for start, price in schedule["tiers"]],
        "cap_per_copy": schedule.get("cap_per_copy"),
        "text": schedule_text(schedule),
    }


class DossierIn(In):
    procedure: str
    commune: str
    data: dict


class DossierCreatedOut(Schema):
    code: str
    status: str
    due_date: date | None


class EventOut(Schema):
    at: datetime
    action: str
    from_status: str
    to_status: str
    note: str
    internal: bool  # an officer's note for the staff only (blank for the citizen)


class FeeOut(Schema):
    state: str  # free, unpaid, paid, no_account (pay at the desk), cancelled (by the cashier: nothing to pay)
    amount: int  # đồng; for a linked group, the group's total
    paid_at: datetime | None
    payment_code: str | None
    transfer_note: str | None
    vietqr: str | None  # the EMVCo payload to draw as a QR code, while the fee is payable
    copies: int | None  # for a fee per copy: how many copies this dossier's fee counts
    paid_by: str | None  # once paid: "transfer" or "cash"


class DossierOut(Schema):
    code: str
    procedure: str
    commune: str
    status: str
    channel: str
    applicant_name: str
    received_at: datetime | None
    due_date: date | None
    due_state: str
    assignee: str | None
    data: dict
    allowed_actions: list[str]
    events: list[EventOut]
    fee: FeeOut | None


def _fee_out(dossier) -> dict | None:
    fee = fee_summary(dossier)
    if not fee["state"]:
        return None
    request = fee["request"]
    return {
        "state": fee["state"],
        "amount": fee["amount"],
        "paid_at": dossier.fee_paid_at,
        "payment_code": request.reference if request else None,
        "transfer_note": request.note if request else None,
        "vietqr": request.payload if fee["payable"] else None,
        "copies": fee["copies"]["count"] if fee["copies"] else None,
        "paid_by": request.method if request is not None and fee["state"] == "paid" else None,
    }


def _dossier_out(dossier, actor) -> dict:
    return {
        "code": dossier.code,
        "procedure": dossier.procedure.code,
        "commune": dossier.commune_id,
        "status": dossier.status,
        "channel": dossier.channel,
        "applicant_name": dossier.applicant_name,
        "received_at": dossier.received_at,
        "due_date": dossier.due_date,
        "due_state": sel.due_state(dossier),
        "assignee": dossier.assignee.username if dossier.assignee else None,
        # Phones and personal IDs masked unless the caller processes the dossier or filed it.
        "data": sel.dossier_answers_for(actor, dossier),
        "allowed_actions": dossier_actions(dossier, actor),
        # The officers' internal notes are blanked for the dossier's citizen.
        "events": sel.timeline_for(actor, dossier),
        "fee": _fee_out(dossier),
    }


@dossiers_router.post("", response={201: DossierCreatedOut})
def dossier_create(request, payload: DossierIn, idempotency_key: str = Header("", alias="Idempotency-Key")):
    """File a dossier online as the signed-in citizen; `data` follows the procedure's schema.
    With an `Idempotency-Key` header, a repeat of the same request answers with the first 201
    body and files nothing more; the same key with another body is a 422 problem."""
    commune = Commune.objects.filter(code=payload.commune).first()
    if commune is None:
        raise InvalidInput(_("Unknown commune."), field="commune")
    procedure = sel.procedure_get(payload.procedure, commune=commune)
    if idempotency_key:
        outcome = dossier_submit_once(
            actor=request.user, procedure=procedure, commune=commune, data=payload.data, key=idempotency_key
        )
        return Status(201, outcome.response)
    dossier = dossier_submit(actor=request.user, procedure=procedure, commune=commune, data=payload.data)
    return Status(201, dossier_receipt(dossier))


@dossiers_router.get("/{code}", response=DossierOut)
def dossier_detail(request, code: str):
    """One dossier the caller may see (their own, or their commune's), with its timeline. A staff
    member's reading is recorded (who viewed which dossier)."""
    found = sel.dossier_for(request.user, code)
    dossier_view_record(actor=request.user, dossier=found)
    return _dossier_out(found, request.user)


class ActionIn(In):
    action: str
    note: str = ""
    assignee: str | None = None
    expected_status: str | None = None
    data: dict | None = None
    # For "apologise": the new appointment date given to a late dossier's citizen.
    new_date: Day | None = None
    # The note is for the commune's staff only (not on a step whose note the citizen must read).
    internal: bool = False


@dossiers_router.post("/{code}/actions", response=DossierOut)
def dossier_action(request, code: str, payload: ActionIn):
    """Take a lifecycle action. 409 when the state does not allow it, 403 when the role does not."""
    dossier = sel.dossier_for(request.user, code)
    assignee = None
    if payload.assignee:
        assignee = sel.assignable_officers(dossier.commune).filter(username=payload.assignee).first()
        if assignee is None:
            raise InvalidInput(_("This person cannot process this commune's dossiers."), field="assignee")
    dossier = dossier_act(
        actor=request.user,
        dossier=dossier,
        action=payload.action,
        note=payload.note,
        assignee=assignee,
        data=payload.data,
        expected_status=payload.expected_status,
        new_date=payload.new_date,
        internal=payload.internal,
    )
    return _dossier_out(sel.dossier_for(request.user, dossier.code), request.user)


class LookupEventOut(Schema):
    at: datetime
    status: str
    status_label: str


class LookupOut(Schema):
    code: str
    procedure: str
    status: str
    status_label: str
    applicant: str
    received_at: datetime | None
    due_date: date | None
    due_state: str
    timeline: list[LookupEventOut]
    signed_result: bool


@lookup_router.get("/{code}", response=LookupOut, auth=None)
def lookup(request, code: str, token: str = "", phone_last4: str = ""):
    """Public status of a dossier: its code with the QR token or the phone's last 4 digits.
    Masked name, no other personal data; rate-limited (429)."""
    return lookup_dossier(
        code=code, token=token, phone_last4=phone_last4, client=request.META.get("REMOTE_ADDR", "")
    )

"""Dossier fees, collected through xaso.payments.

Rules:
- A dossier whose procedure has a fee (integer đồng; a procedure with fee 0 is free or exempt,
  its `fee_note` says why) gets a payment request when it leaves the draft state (online
  submission or counter intake), into the commune's active collection account. No account:
  no request, the pages say so and the fee is taken at the counter.
- A procedure whose fee is per copy (`Procedure.fee_per_copy`: extract copies of civil-status
  records…) costs its fee times the number of copies asked for in the form field `copies`
  (1 to MAX_COPIES, and the field's own maximum): `dossier_fee`, the one place it is computed;
  the pages show "3 bản × 8.000 đồng = 24.000 đồng" (`fee_summary`'s `copies`).
- A procedure priced per page in tiers (`Procedure.fee_schedule`: certified copies, 2.000 đồng
  a page for pages 1–2, 1.000 from page 3, at most 200.000 a copy) costs the tiers' sum for its
  form field `pages`, capped per copy, times `copies` (fee_tiers.py); the pages and the receipt
  show "5 trang × 1 bản: 2 × 2.000 + 3 × 1.000 = 7.000 đồng" (`fee_summary`'s `tiers`).
- A linked group (liên thông) pays once: the root dossier's request covers the fees of its
  procedure and of every follow-on procedure its chain will open; the follow-ons, opened on
  approval, share that request (and are paid if it is).
- The transfer note is the payment code and as much of the dossier code as fits the 25
  characters a bank keeps (the commune is implied by its own account): `note_for`.
- When the request is settled, `fee_paid` (the paid handler in services/fee_payment.py, run
  inside the settling transaction) marks every dossier sharing it paid, writes a timeline event
  and an audit entry for each (through the workflow engine), and tells the citizen.
- A dossier withdrawn, cancelled or refused before its fee was paid withdraws its request
  (`fee_request_withdraw`); money already received stays with the cashier (refund).
- A citizen who pays at the desk in cash: the cashier settles the request in cash
  (xaso.payments.services.payment_request_pay_cash, from the dossier page or the cashier's
  page); the same paid handler runs, its timeline note says "in cash" and names the receipt.
- An unpaid fee blocks delivery of the result while its request is open (`delivery_refusal`);
  a request the cashier cancelled (fee waived) no longer blocks it.
"""

from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput
from xaso.onestop.fee_tiers import TiersPrice, schedule_check, tiers_price
from xaso.onestop.models import Dossier, Procedure, Status
from xaso.payments.banks import bank_by_bin
from xaso.payments.models import PAYABLE, PaymentMethod, PaymentRequest
from xaso.payments.references import LENGTH as REFERENCE_LENGTH
from xaso.payments.selectors import collection_account_active
from xaso.payments.services import payment_request_create, payment_request_withdraw
from xaso.payments.vietqr import NOTE_MAX, note_clean

FEE_KIND = "onestop.fee"
# What is left of a bank's note after the payment code and a space.
NOTE_ROOM = NOTE_MAX - REFERENCE_LENGTH - 1


def note_for(code: str) -> str:
    """The longest form of the dossier code that fits beside the payment code, folded as
    banks carry it: the whole code, else without its separators, else without the commune
    (`HS` + day + sequence: the account already says which commune)."""
    commune, _sep, rest = code.partition("-")
    day, _sep, sequence = rest.partition("-")
    for candidate in (code, code.replace("-", ""), f"HS {day} {sequence}", f"{day} {sequence}"):
        clean = note_clean(candidate, limit=NOTE_ROOM)
        if not clean.shortened:
            return clean.text
    return note_clean(f"{day}{sequence}", limit=NOTE_ROOM).text


# The most copies one dossier may ask for, whatever its form says (a typo of 1000 copies must
# not become a 8 million đồng request).
MAX_COPIES = 100


def _count(procedure: Procedure, data: dict | None, name: str, ceiling: int) -> int | None:
    """The whole number in form field `name` (None when absent), from 1 to `ceiling` and to
    the field's own `max`, else InvalidInput on that field."""
    value = (data or {}).get(name)
    if value is None or value == "":
        return None
    limit = ceiling
    for item in procedure.form or []:
        if item.get("name") == name and item.get("max"):
            limit = min(limit, int(item["max"]))
    try:
        count = int(str(value).strip())
    except ValueError:
        count = 0
    if not 1 <= count <= limit:
        message = (
            _("Ask for between 1 and %(max)d copies.")
            if name == "copies"
            else _("Give a number of pages between 1 and %(max)d.")
        )
        raise InvalidInput(message % {"max": limit}, field=name, code=name)
    return count


def copies_of(procedure: Procedure, data: dict | None) -> int:
    """How many times the procedure's fee is due: 1, or for a fee per copy (or per page in
    tiers) the number in the form field `copies` (absent: 1, as for a follow-on whose form does
    not carry it). Rules: a whole number from 1 to MAX_COPIES and to the field's own `max`."""
    if not procedure.fee_per_copy and not procedure.fee_schedule:
        return 1
    return _count(procedure, data, "copies", MAX_COPIES) or 1


# The most pages one dossier may be priced for, whatever its form says.
MAX_PAGES = 10_000


def tiers_of(procedure: Procedure, data: dict | None) -> TiersPrice | None:
    """For a procedure priced per page in tiers (`fee_schedule`): the price of the dossier's
    `pages` × `copies`, with its parts (fee_tiers.py). None for other procedures. A schedule
    the catalogue or the admin let through is checked again: a broken one is a 422, not a 500."""
    schedule = procedure.fee_schedule
    if not schedule:
        return None
    if schedule_check(schedule):
        raise InvalidInput(
            _("This procedure's fee schedule is not valid; tell the commune."), field="procedure"
        )
    pages = _count(procedure, data, "pages", MAX_PAGES)
    if pages is None:
        raise InvalidInput(_("Give the number of pages."), field="pages", code="pages")
    return tiers_price(schedule, pages=pages, copies=copies_of(procedure, data))


def dossier_fee(procedure: Procedure, data: dict | None) -> int:
    """The fee a dossier of `procedure` with form `data` pays (integer đồng): per page in tiers
    when the procedure has a fee schedule, else its fee (times the copies for a fee per copy)."""
    priced = tiers_of(procedure, data)
    if priced is not None:
        return priced.total
    return procedure.fee * copies_of(procedure, data)


def tiers_text(procedure: Procedure, data: dict | None, *, charged: int | None = None) -> str:
    """The breakdown the pages and the receipt show ("5 trang × 1 bản: 2 × 2.000 + 3 × 1.000 =
    7.000 đồng"); '' for other procedures, for data that cannot be priced, or when `charged`
    (what a filed dossier was charged) differs from today's schedule."""
    try:
        priced = tiers_of(procedure, data)
    except InvalidInput:
        return ""
    if priced is None or (charged is not None and charged != priced.total):
        return ""
    return priced.text()


def chain_procedures(procedure: Procedure) -> list[Procedure]:
    """The procedure and every active follow-on its approval chain opens, each once."""
    seen, order, todo = {procedure.code}, [procedure], list(procedure.follow_ons or [])
    while todo:
        codes = [c for c in todo if c not in seen]
        seen.update(codes)
        todo = []
        for follow_on in Procedure.objects.filter(code__in=codes, is_active=True):
            order.append(follow_on)
            todo.extend(follow_on.follow_ons or [])
    return order


def group_fee(procedure: Procedure, data: dict | None = None) -> int:
    """The fees of the procedure and of every follow-on its chain opens, each counted on the
    root's data (a follow-on's data is carried over from it, field by field)."""
    return sum(dossier_fee(p, data) for p in chain_procedures(procedure))


def fee_request_open(dossier: Dossier, *, actor) -> PaymentRequest | None:
    """Called in the filing transaction of a root dossier (not a follow-on): fix its fee and,
    when it or its linked chain costs something and the commune has a collection account,
    ask for the total with a dynamic VietQR."""
    dossier.fee = dossier_fee(dossier.procedure, dossier.data)
    total = group_fee(dossier.procedure, dossier.data)
    request = None
    if total > 0 and collection_account_active(dossier.commune) is not None:
        linked = total != dossier.fee
        label = (
            _("Fees of the linked dossiers from %(code)s") if linked else _("Fee of dossier %(code)s")
        ) % {"code": dossier.code}
        breakdown = "" if linked else tiers_text(dossier.procedure, dossier.data)
        if breakdown:
            # The cash receipt (biên lai) prints the label: it says how the amount was reached.
            label = f"{label} ({breakdown})"[:200]
        try:
            request = payment_request_create(
                actor=actor,
                commune=dossier.commune,
                amount=total,
                kind=FEE_KIND,
                label=label,
                subject_id=str(dossier.pk),
                note=note_for(dossier.code),
                payer=dossier.citizen,
                payer_name=dossier.applicant_name,
            )
        except InvalidInput:
            # Above the QR ceiling: filing goes on, the fee is taken at the counter.
            request = None
    dossier.fee_request = request
    Dossier.objects.filter(pk=dossier.pk).update(fee=dossier.fee, fee_request=request)
    return request


def fee_inherit(child: Dossier, parent: Dossier) -> None:
    """A follow-on opened from `parent`: its own fee, paid through the parent's request."""
    child.fee = dossier_fee(child.procedure, child.data)
    child.fee_request_id = parent.fee_request_id
    child.fee_paid_at = parent.fee_paid_at
    Dossier.objects.filter(pk=child.pk).update(
        fee=child.fee, fee_request=child.fee_request_id, fee_paid_at=child.fee_paid_at
    )


# A dossier stopped in these states owes no fee: its open request is withdrawn.
STOPPED = frozenset({Status.WITHDRAWN, Status.CANCELLED, Status.REJECTED})


def fee_request_withdraw(dossier: Dossier, *, actor) -> bool:
    """The dossier that owns an unpaid request was withdrawn, cancelled or refused: withdraw
    the request (nothing received yet) so nobody pays for it. A follow-on never owns one."""
    if dossier.fee_request_id is None or dossier.fee_paid_at is not None:
        return False
    request = PaymentRequest.objects.get(pk=dossier.fee_request_id)
    if request.subject_id != str(dossier.pk):
        return False
    return payment_request_withdraw(
        actor=actor, request=request, reason=f"{dossier.code}: {Status(dossier.status).label}"
    )


def delivery_refusal(dossier: Dossier, actor) -> str | None:
    """Workflow guard of `deliver`: the result waits for an unpaid fee."""
    if dossier.fee_request_id is None or dossier.fee_paid_at is not None:
        return None
    status = PaymentRequest.objects.filter(pk=dossier.fee_request_id).values_list("status", flat=True).first()
    if status in PAYABLE:
        return _("The fee has not been paid yet: the result is handed over once it is.")
    return None


def fee_summary(dossier: Dossier) -> dict:
    """What the dossier pages and the receipt show about the fee."""
    request = dossier.fee_request
    payable = request is not None and request.status in PAYABLE and dossier.fee_paid_at is None
    if dossier.fee_paid_at:
        state = "paid"
    elif request is not None and request.status in PAYABLE:
        state = "unpaid"
    elif request is not None:
        state = "stopped" if dossier.status in STOPPED else "cancelled"
    if request is None and not dossier.fee_paid_at:
        if dossier.received_at is None:
            state = ""
        elif dossier.fee or (dossier.parent_id is None and group_fee(dossier.procedure, dossier.data)):
            state = "no_account"
        else:
            state = "free"
    return {
        "state": state,
        "request": request,
        "payable": payable,
        "amount": request.amount if request is not None else dossier.fee,
        "shared": request is not None and request.amount != dossier.fee,
        "copies": copies_fee(dossier.procedure, dossier.data, charged=dossier.fee) if dossier.fee else None,
        "tiers": tiers_text(dossier.procedure, dossier.data, charged=dossier.fee) if dossier.fee else "",
        "cash": state == "paid" and request is not None and request.method == PaymentMethod.CASH,
        "account": request.account if request is not None else None,
        "bank": bank_by_bin(request.account.bank_bin) if request is not None else None,
    }


def copies_fee(procedure: Procedure, data: dict | None, *, charged: int | None = None) -> dict | None:
    """For a fee per copy: {count, unit, total} as the pages show it ("3 bản × 8.000 đồng =
    24.000 đồng"), from the form data; `charged` is the fee a filed dossier was charged (the
    catalogue's fee may have changed since). None for other procedures or an invalid count."""
    if not procedure.fee_per_copy or not procedure.fee:
        return None
    try:
        count = copies_of(procedure, data)
    except InvalidInput:
        return None
    total = procedure.fee * count if charged is None else charged
    if not total or total % count:
        return None
    return {"count": count, "unit": total // count, "total": total}

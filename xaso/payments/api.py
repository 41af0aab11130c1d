from datetime import datetime

from ninja import Query, Router, Schema

from xaso.core.api.schemas import In
from xaso.core.bounds import Id, Money, Page
from xaso.payments import selectors
from xaso.payments.banks import BANKS
from xaso.payments.services import payment_request_pay_cash
from xaso.payments.vietqr import vietqr_parse

router = Router(tags=["payments"])


class BankOut(Schema):
    bin: str
    code: str
    short_name: str
    name: str


class PaymentRequestOut(Schema):
    id: int
    commune: str
    reference: str
    kind: str
    subject_id: str
    label: str
    amount: int
    amount_received: int
    status: str
    note: str
    payload: str
    bank_bin: str
    account_number: str
    created_at: datetime
    paid_at: datetime | None
    method: str  # "transfer" or "cash"
    receipt_number: str


def _out(r) -> dict:
    return {
        "id": r.pk,
        "commune": r.commune_id,
        "reference": r.reference,
        "kind": r.kind,
        "subject_id": r.subject_id,
        "label": r.label,
        "amount": r.amount,
        "amount_received": r.amount_received,
        "status": r.status,
        "note": r.note,
        "payload": r.payload,
        "bank_bin": r.account.bank_bin,
        "account_number": r.account.account_number,
        "created_at": r.created_at,
        "paid_at": r.paid_at,
        "method": r.method,
        "receipt_number": r.receipt_number,
    }


@router.get("/banks", response=list[BankOut], auth=None)
def banks(request):
    """Banks that take VietQR transfers, with their NAPAS BIN."""
    return [b.__dict__ for b in BANKS]


@router.get("/requests", response=list[PaymentRequestOut])
def requests(request, page: Query[Page], status: str = "", q: str = ""):
    """Payment requests the caller may see: their commune's (staff) or their own (payer)."""
    limit, offset = page.limit, page.offset
    rows = selectors.payment_requests_for(request.user, status=status, q=q)[offset : offset + limit]
    return [_out(r) for r in rows]


@router.get("/requests/{request_id}", response=PaymentRequestOut)
def request_detail(request, request_id: Id):
    return _out(selectors.payment_request_for(request.user, request_id))


class CashIn(In):
    amount: Money
    receipt_number: str = ""


@router.post("/requests/{request_id}/cash", response=PaymentRequestOut)
def request_pay_cash(request, request_id: Id, body: CashIn):
    """Settle the request with cash taken at the counter (the cashier of its commune): the amount
    must be exactly what is still due (422 otherwise, nothing changed); an already settled or
    cancelled request gives 409."""
    payment = selectors.payment_request_for(request.user, request_id)
    return _out(
        payment_request_pay_cash(
            actor=request.user, request=payment, amount=body.amount, receipt_number=body.receipt_number
        )
    )


class DecodeIn(In):
    payload: str


class DecodeOut(Schema):
    bank_bin: str
    account_number: str
    amount: int | None
    note: str
    dynamic: bool


@router.post("/vietqr/decode", response=DecodeOut)
def vietqr_decode(request, body: DecodeIn):
    """Check a VietQR payload (CRC, NAPAS GUID) and return its fields."""
    qr = vietqr_parse(body.payload)
    return {
        "bank_bin": qr.bank_bin,
        "account_number": qr.account_number,
        "amount": qr.amount,
        "note": qr.note,
        "dynamic": qr.is_dynamic,
    }

"""POST /api/v1/exchange/envelopes: another agency delivers a signed envelope. No session or
token: the sender is authenticated by the envelope's signature against our registry."""

import base64

from django.conf import settings
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from xaso.core.ratelimit import EXCHANGE_DELIVER, limit_request
from xaso.documents.exchange.services import envelope_receive
from xaso.documents.signing.verification import pdf_size_check

router = Router(tags=["exchange"])


class ReceiptOut(Schema):
    envelope_id: str
    register_number: int
    receipt: str  # base64 of the receipt JSON
    signature: str  # base64 of the receiving agency's detached CMS signature of the receipt


@router.post(
    "/envelopes",
    response=ReceiptOut,
    auth=None,
    summary="Deliver a signed envelope (metadata, CMS signature, signed PDF); answers a signed receipt",
)
def envelope_deliver(
    request, envelope: File[UploadedFile], signature: File[UploadedFile], pdf: File[UploadedFile]
):
    limit_request(request, EXCHANGE_DELIVER)  # per sending address, before any signature is checked
    pdf_size_check(pdf.size, settings.DOCUMENTS_MAX_PDF_BYTES)
    pdf_size_check(envelope.size + signature.size, 1024 * 1024)
    inbound = envelope_receive(envelope_bytes=envelope.read(), signature=signature.read(), pdf=pdf.read())
    return {
        "envelope_id": str(inbound.envelope_id),
        "register_number": inbound.document.book_number,
        "receipt": base64.b64encode(bytes(inbound.receipt)).decode(),
        "signature": base64.b64encode(bytes(inbound.receipt_signature)).decode(),
    }

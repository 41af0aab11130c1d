"""The exchange's channel on the core retry queue (xaso.core.outbox: claim, lease, back-off
`EXCHANGE_RETRY_*`, dead after `EXCHANGE_MAX_ATTEMPTS`): POST one envelope to the recipient's
xaso. A 200 with a receipt about this envelope signed by its pinned certificate: DELIVERED. A 4xx
but 429: REFUSED at once (the same bytes would be refused again). A network error, 5xx, 429 or an
unverifiable receipt: tried again, safely, as the receiver answers a known envelope id with its
first receipt. Outcomes are audited."""

import base64

import requests
from django.conf import settings
from django.utils import timezone

from xaso.core.audit import audit_record
from xaso.core.outbox import Outbox
from xaso.documents.exchange import envelope
from xaso.documents.models import DeliveryStatus, EnvelopeDelivery

PATH = "/api/v1/exchange/envelopes"


def _audited(action: str, delivery: EnvelopeDelivery, summary: str):
    """The audit record of an outcome, written in the transaction that records it."""
    changes = {"envelope_id": str(delivery.envelope_id), "attempts": delivery.attempts}
    where = {"target": delivery, "commune_code": delivery.commune_id}
    return lambda: audit_record(actor=None, action=action, summary=summary[:300], changes=changes, **where)


queue = Outbox(
    EnvelopeDelivery,
    prefix="EXCHANGE",
    on_dead=lambda d, error: _audited("envelope_delivery.dead", d, error)(),
)


class _Retry(Exception):
    """A failed try worth another (the queue decides whether there is one)."""


def _post(delivery: EnvelopeDelivery) -> requests.Response:
    with delivery.document.file.open("rb") as fh:
        pdf = fh.read()
    files = {
        "envelope": ("envelope.json", bytes(delivery.envelope), "application/json"),
        "signature": ("envelope.p7s", bytes(delivery.signature), "application/pkcs7-signature"),
        "pdf": ("document.pdf", pdf, "application/pdf"),
    }
    url = delivery.recipient.base_url.rstrip("/") + PATH
    try:
        return requests.post(url, files=files, timeout=settings.EXCHANGE_TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        raise _Retry(f"{type(exc).__name__}: {exc}") from None


def _receipt(delivery: EnvelopeDelivery, response: requests.Response) -> tuple[bytes, bytes, dict]:
    try:
        body = response.json()
        receipt, signature = (base64.b64decode(body[k], validate=True) for k in ("receipt", "signature"))
    except (ValueError, KeyError, TypeError):
        raise _Retry("the answer carries no readable receipt") from None
    sent, cert = bytes(delivery.envelope), bytes(delivery.recipient.certificate_der)
    try:
        content = envelope.receipt_check(receipt, signature, envelope_bytes=sent, recipient_cert_der=cert)
    except envelope.EnvelopeInvalid as exc:
        raise _Retry(f"the receipt does not verify ({exc.code}): {exc}") from None
    return receipt, signature, content


def delivery_send(delivery: EnvelopeDelivery) -> str:
    """Send one claimed delivery and record the outcome; returns the resulting status."""
    try:
        response = _post(delivery)
        # 429: the receiver's rate limit (or a proxy's) asks to come back later, not a refusal.
        if 400 <= response.status_code < 500 and response.status_code != 429:
            error = f"HTTP {response.status_code}: {response.text[:1500]}"
            audit = _audited("envelope_delivery.refused", delivery, error)
            queue.finish(delivery, then=audit, status=DeliveryStatus.REFUSED, last_error=error)
            return DeliveryStatus.REFUSED
        if response.status_code != 200:
            raise _Retry(f"HTTP {response.status_code}")
        receipt, signature, content = _receipt(delivery, response)
    except _Retry as exc:
        return queue.fail(delivery, str(exc))
    number = content["register_number"]
    queue.finish(
        delivery,
        then=_audited("envelope_delivery.delivered", delivery, f"{delivery.recipient.code}: số đến {number}"),
        status=DeliveryStatus.DELIVERED,
        delivered_at=timezone.now(),
        receipt=receipt,
        receipt_signature=signature,
        receiver_number=number,
        next_attempt_at=None,
        last_error="",
    )
    return DeliveryStatus.DELIVERED


def deliveries_process(*, limit: int | None = None, now=None) -> dict[str, int]:
    """Send due deliveries until none is due (or `limit` were handled); counts by outcome."""
    return queue.process(delivery_send, limit=limit, now=now)

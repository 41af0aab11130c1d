"""The delivery worker of the exchange: claim a due envelope, POST it to the recipient's
xaso, check and keep the signed receipt, or schedule the next try.

Outcomes (the same scheme as notify's outbox):
- 200 with a receipt signed by the recipient's pinned certificate, about this very envelope:
  DELIVERED, the receipt and the recipient's register number are kept.
- 4xx (the recipient refused: unknown agency, bad signature, …): REFUSED at once, because
  the same bytes would be refused again; the problem body is kept as the error.
- a network error, a 5xx, or a receipt that does not verify: another try after
  base * 2**(tries-1) seconds (capped), and DEAD after EXCHANGE_MAX_ATTEMPTS tries.
A claim is a conditional UPDATE committed before sending, so two workers never send the same
row at once; a worker killed mid-send leaves a SENDING row that is taken over after the lease.
Re-sending is safe: the receiver answers a known envelope id with its first receipt.
"""

import base64
import logging
from datetime import timedelta

import requests
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from xaso.core.audit import audit_record
from xaso.documents import conf, envelope
from xaso.documents.models import DeliveryStatus, EnvelopeDelivery

log = logging.getLogger(__name__)
LEASE_SECONDS = 300
PATH = "/api/v1/exchange/envelopes"


def backoff_seconds(attempts: int) -> int:
    """Wait before the next try after `attempts` failed tries: base * 2**(attempts-1), capped."""
    return min(conf.EXCHANGE_RETRY_MAX_SECONDS, conf.EXCHANGE_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1))


def _due(now):
    stale = now - timedelta(seconds=LEASE_SECONDS)
    return EnvelopeDelivery.objects.filter(
        Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale)
    ).order_by("next_attempt_at", "id")


def delivery_claim(*, now=None) -> EnvelopeDelivery | None:
    """Take the next due delivery for this worker, or None. Rules: committed before sending."""
    now = now or timezone.now()
    for _ in range(20):
        delivery = _due(now).first()
        if delivery is None:
            return None
        taken = EnvelopeDelivery.objects.filter(
            pk=delivery.pk, status=delivery.status, claimed_at=delivery.claimed_at
        ).update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=delivery.attempts + 1)
        if taken:
            delivery.status, delivery.claimed_at, delivery.attempts = (
                DeliveryStatus.SENDING,
                now,
                delivery.attempts + 1,
            )
            return delivery
    return None


def _finish(delivery: EnvelopeDelivery, *, audit: str = "", summary: str = "", **changes) -> bool:
    with transaction.atomic():
        # Only the worker still holding the claim may record the outcome.
        done = EnvelopeDelivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.SENDING, claimed_at=delivery.claimed_at
        ).update(**changes)
        if done and audit:
            audit_record(
                actor=None,
                action=audit,
                target=delivery,
                commune_code=delivery.commune_id,
                summary=summary[:300],
                changes={"envelope_id": str(delivery.envelope_id), "attempts": delivery.attempts},
            )
    return bool(done)


class _Retry(Exception):
    pass


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
        return requests.post(url, files=files, timeout=conf.EXCHANGE_TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        raise _Retry(f"{type(exc).__name__}: {exc}") from None


def _receipt(delivery: EnvelopeDelivery, response: requests.Response) -> tuple[bytes, bytes, dict]:
    try:
        body = response.json()
        receipt = base64.b64decode(body["receipt"], validate=True)
        signature = base64.b64decode(body["signature"], validate=True)
    except (ValueError, KeyError, TypeError):
        raise _Retry("the answer carries no readable receipt") from None
    try:
        content = envelope.receipt_check(
            receipt,
            signature,
            envelope_bytes=bytes(delivery.envelope),
            recipient_cert_der=bytes(delivery.recipient.certificate_der),
        )
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
            _finish(
                delivery,
                audit="exchange.refused",
                summary=error,
                status=DeliveryStatus.REFUSED,
                last_error=error,
            )
            return DeliveryStatus.REFUSED
        if response.status_code != 200:
            raise _Retry(f"HTTP {response.status_code}")
        receipt, signature, content = _receipt(delivery, response)
    except _Retry as exc:
        error = str(exc)[:2000]
        if delivery.attempts >= conf.EXCHANGE_MAX_ATTEMPTS:
            _finish(
                delivery, audit="exchange.dead", summary=error, status=DeliveryStatus.DEAD, last_error=error
            )
            log.warning("exchange: envelope %s is dead: %s", delivery.envelope_id, error)
            return DeliveryStatus.DEAD
        retry_at = timezone.now() + timedelta(seconds=backoff_seconds(delivery.attempts))
        _finish(delivery, status=DeliveryStatus.PENDING, next_attempt_at=retry_at, last_error=error)
        return DeliveryStatus.PENDING
    _finish(
        delivery,
        audit="exchange.delivered",
        summary=f"{delivery.recipient.code}: số đến {content['register_number']}",
        status=DeliveryStatus.DELIVERED,
        delivered_at=timezone.now(),
        receipt=receipt,
        receipt_signature=signature,
        receiver_number=content["register_number"],
        next_attempt_at=None,
        last_error="",
    )
    return DeliveryStatus.DELIVERED


def deliveries_process(*, limit: int | None = None, now=None) -> dict[str, int]:
    """Send due deliveries until none is due (or `limit` were handled); counts by outcome."""
    counts: dict[str, int] = {}
    while limit is None or sum(counts.values()) < limit:
        delivery = delivery_claim(now=now)
        if delivery is None:
            break
        status = delivery_send(delivery)
        counts[status] = counts.get(status, 0) + 1
    return counts


def next_retry_at():
    """When the earliest waiting retry falls due, or None."""
    return (
        EnvelopeDelivery.objects.filter(status=DeliveryStatus.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def delivery_requeue(*, delivery_ids) -> int:
    """Give failed deliveries another round of tries (an administrator's decision)."""
    return EnvelopeDelivery.objects.filter(pk__in=list(delivery_ids), status=DeliveryStatus.DEAD).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )

"""Writes of the exchange between agencies: the registry of agencies and their keys, sending
an issued document as a signed envelope, receiving one (verify, register, sign a receipt).
The delivery worker (tries, backoff, receipts) lives in delivery.py.

Rules in one place:
- An agency is trusted by the certificate pinned in the registry, nothing else: an envelope
  from a code we do not know, or signed with another certificate, is refused.
- Only an issued outgoing document (signed PDF with its number) is sent, once per recipient;
  the envelope is built and signed once, so every try sends the same bytes.
- Receiving is idempotent by envelope id: a re-delivery gets the first receipt back and
  registers nothing; every refusal is written to the audit chain with its reason.
"""

import base64
import datetime as dt
import hashlib
import hmac
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12 as crypto_pkcs12
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.permissions import require
from xaso.documents.exchange import envelope
from xaso.documents.models import (
    Agency,
    Direction,
    DocumentStatus,
    EnvelopeDelivery,
    InboundEnvelope,
)
from xaso.documents.permissions import REGISTER
from xaso.documents.registry.services import _event, incoming_record
from xaso.documents.signing import revocation
from xaso.documents.signing.pki import TEST_MARK
from xaso.documents.signing.selectors import trust_roots_der, verification_report
from xaso.documents.signing.verification import pdf_reader
from xaso.documents.tasks import deliver_envelopes_due

SENDABLE = frozenset({DocumentStatus.ISSUED, DocumentStatus.DISTRIBUTED})


# --- the registry of agencies --------------------------------------------------------------


def _key_password() -> bytes:
    # Derived, not stored: the key in the database opens only with this installation's secret.
    return hmac.new(settings.SECRET_KEY.encode(), b"xaso exchange key", hashlib.sha256).hexdigest().encode()


def _require_admin(actor) -> None:
    if not getattr(actor, "is_superuser", False):
        raise NotAllowed(_("Only an administrator keeps the registry of agencies."))


def _clean(value: str, field: str, message: str, limit: int) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise InvalidInput(message, field=field)
    return value[:limit]


def _is_test(cert: x509.Certificate) -> bool:
    units = cert.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATIONAL_UNIT_NAME)
    return any(TEST_MARK in str(u.value) for u in units)


def agency_save(
    *, actor, code: str, name: str, base_url: str, certificate_pem: bytes, is_active: bool = True
) -> Agency:
    """Add an agency to the registry, or update it (by code). Rules: administrators only; the
    certificate is the one its envelopes must be signed with; an agency that is one of our
    communes keeps its key (replacing its certificate goes through `agency_key_set`)."""
    _require_admin(actor)
    code = _clean(code, "code", _("Enter the agency's code."), 60)
    name = _clean(name, "name", _("Enter the agency's name."), 300)
    try:
        cert = x509.load_pem_x509_certificate(certificate_pem)
    except ValueError:
        raise InvalidInput(_("This is not a certificate."), field="certificate")
    der = cert.public_bytes(serialization.Encoding.DER)
    with transaction.atomic():
        agency = Agency.objects.select_for_update().filter(code=code).first() or Agency(code=code)
        if agency.is_ours and bytes(agency.certificate_der) != der:
            raise Conflict(_("This agency is one of our communes: renew its key instead."))
        agency.name, agency.base_url, agency.is_active = name, (base_url or "").strip(), is_active
        agency.certificate_der, agency.fingerprint = der, hashlib.sha256(der).hexdigest()
        agency.is_test = _is_test(cert)
        agency.save()
        audit_record(
            actor=actor,
            action="agency.save",
            target=agency,
            summary=name,
            changes={"code": code, "base_url": agency.base_url, "fingerprint": agency.fingerprint},
        )
    return agency


def agency_key_set(
    *, actor, commune, code: str, name: str, base_url: str, pkcs12: bytes, passphrase: str
) -> Agency:
    """Make one of our communes an agency that can exchange: its key and certificate (a PKCS#12
    file) are kept encrypted under this installation's secret. Rules: administrators only;
    the passphrase must open the file; the certificate must be valid now."""
    _require_admin(actor)
    try:
        key, cert, extra = crypto_pkcs12.load_key_and_certificates(pkcs12, (passphrase or "").encode())
    except (ValueError, TypeError):
        raise InvalidInput(_("The passphrase does not open this file."), field="passphrase")
    if key is None or cert is None:
        raise InvalidInput(_("The file holds no signing key and certificate."), field="pkcs12")
    now = timezone.now()
    if not (cert.not_valid_before_utc <= now <= cert.not_valid_after_utc):
        raise InvalidInput(_("This certificate has expired or is not yet valid."), field="pkcs12")
    code = _clean(code, "code", _("Enter the agency's code."), 60)
    name = _clean(name, "name", _("Enter the agency's name."), 300)
    der = cert.public_bytes(serialization.Encoding.DER)
    with transaction.atomic():
        agency = (
            Agency.objects.select_for_update().filter(commune=commune).first()
            or Agency.objects.select_for_update().filter(code=code).first()
            or Agency(code=code)
        )
        if agency.commune_id not in (None, commune.code):
            raise Conflict(_("This agency code belongs to another commune."))
        agency.code, agency.name, agency.base_url, agency.commune = code, name, base_url.strip(), commune
        agency.certificate_der, agency.fingerprint = der, hashlib.sha256(der).hexdigest()
        agency.chain_der = [
            base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode() for c in extra or []
        ]
        agency.private_key = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(_key_password()),
        )
        agency.is_test, agency.is_active = _is_test(cert), True
        agency.save()
        audit_record(
            actor=actor,
            action="agency.key_set",
            target=agency,
            commune_code=commune.code,
            summary=name,
            changes={"code": code, "fingerprint": agency.fingerprint},
        )
    return agency


def agency_key(agency: Agency) -> envelope.AgencyKey:
    key = serialization.load_pem_private_key(bytes(agency.private_key), password=_key_password())
    cert = x509.load_der_x509_certificate(bytes(agency.certificate_der))
    chain = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in agency.chain_der]
    return envelope.AgencyKey(key=key, cert=cert, chain=chain)


def certificate_problem(agency: Agency) -> str:
    """Why the agency's certificate cannot be relied on now ("expired", "revoked"), or ""."""
    cert = x509.load_der_x509_certificate(bytes(agency.certificate_der))
    now = timezone.now()
    if not (cert.not_valid_before_utc <= now <= cert.not_valid_after_utc):
        return "expired"
    issuers = [base64.b64decode(c) for c in agency.chain_der] + trust_roots_der()
    if revocation.revoked_at(bytes(agency.certificate_der), issuers) is not None:
        return "revoked"
    return ""


# --- sending -------------------------------------------------------------------------------


def exchange_send(*, actor, document, recipient: Agency) -> EnvelopeDelivery:
    """Send an issued outgoing document to another agency as a signed envelope; delivery runs
    in the background (exchange.delivery). Rules: the commune's registrars (clerk, leader);
    the document is issued (signed PDF and number); our commune has an exchange key whose
    certificate is neither expired nor revoked; once per recipient."""
    commune = document.commune
    require(actor, REGISTER, commune=commune)
    if document.direction != Direction.OUTGOING or document.status not in SENDABLE or not document.file:
        raise Conflict(_("Only an issued outgoing document can be sent to another agency."))
    sender = Agency.objects.filter(commune=commune, is_active=True).first()
    if sender is None or not sender.is_ours:
        raise Conflict(_("This commune has no exchange key yet: ask the administrator."), code="no_key")
    if recipient is None or not recipient.is_active or recipient.pk == sender.pk or not recipient.base_url:
        raise InvalidInput(_("Choose another agency from the registry."), field="recipient")
    problem = certificate_problem(sender)
    if problem:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="document.send_refused",
                target=document,
                commune_code=commune.code,
                summary=f"exchange certificate {problem}",
            )
        raise Conflict(_("The commune's exchange certificate has expired or been revoked."), code=problem)
    with document.file.open("rb") as fh:
        pdf = fh.read()
    now = timezone.now()
    envelope_id = uuid.uuid4()
    data = envelope.envelope_build(
        envelope_id=envelope_id,
        sender=sender.code,
        sender_name=sender.name,
        recipient=recipient.code,
        number_symbol=document.number_symbol,
        kind=document.kind,
        date=document.document_date,
        title=document.title,
        pdf=pdf,
        sent_at=now,
    )
    signature = envelope.cms_sign(data, agency_key(sender))
    try:
        with transaction.atomic():
            delivery = EnvelopeDelivery.objects.create(
                commune=commune,
                document=document,
                sender=sender,
                recipient=recipient,
                envelope_id=envelope_id,
                envelope=data,
                signature=signature,
                next_attempt_at=now,
                created_by=actor,
            )
            _event(document, actor=actor, action="exchange_send", data={"recipient": recipient.code})
            audit_record(
                actor=actor,
                action="document.send",
                target=delivery,
                commune_code=commune.code,
                summary=f"{document.number_symbol} → {recipient.code}",
                changes={"envelope_id": str(envelope_id), "document": document.pk},
            )
    except IntegrityError:
        raise Conflict(_("This document was already sent to this agency."), code="already_sent") from None
    transaction.on_commit(_schedule)
    return delivery


def _schedule():
    deliver_envelopes_due.enqueue()


# --- receiving -----------------------------------------------------------------------------


def _refuse(*, reason: str, error, commune_code: str = "", summary: str = ""):
    """Record why an envelope was refused (in its own transaction: it survives the error)."""
    with transaction.atomic():
        audit_record(
            actor=None,
            action="inbound_envelope.refused",
            commune_code=commune_code,
            summary=(summary or reason)[:300],
            changes={"reason": reason},
        )
    raise error


def envelope_receive(*, envelope_bytes: bytes, signature: bytes, pdf: bytes) -> InboundEnvelope:
    """Accept an envelope from another agency: check it, register the document as incoming in
    the recipient commune's book, and answer with a receipt signed by the recipient's key.
    Rules: the sender is in the registry (else NotAllowed, 403); the signature is made with
    its pinned certificate, which is neither expired nor revoked, the PDF is the one the
    metadata hashes and its own signatures verify (else InvalidInput, 422); the recipient is
    one of our communes. Idempotent by envelope id. Every refusal is audited."""
    try:
        meta = envelope.envelope_parse(envelope_bytes)
    except envelope.EnvelopeInvalid as exc:
        _refuse(
            reason="malformed",
            summary=str(exc),
            error=InvalidInput(_("The envelope is malformed."), field="envelope", code="malformed"),
        )
    sender = Agency.objects.filter(code=meta["sender"], is_active=True).first()
    if sender is None:
        _refuse(
            reason="unknown_sender",
            summary=f"unknown sending agency {meta['sender']}",
            error=NotAllowed(
                _("The sending agency is not in our registry of agencies."), code="unknown_agency"
            ),
        )
    recipient = (
        Agency.objects.filter(code=meta["recipient"], is_active=True).select_related("commune").first()
    )
    commune_code = recipient.commune_id if recipient is not None and recipient.commune_id else ""
    try:
        envelope.cms_verify(envelope_bytes, signature, cert_der=bytes(sender.certificate_der))
    except envelope.EnvelopeInvalid as exc:
        _refuse(
            reason=exc.code,
            commune_code=commune_code,
            summary=f"{sender.code}: {exc}",
            error=InvalidInput(
                _("The envelope's signature does not verify: it was changed or not signed by the sender."),
                field="signature",
                code="bad_signature",
            ),
        )
    problem = certificate_problem(sender)
    if problem:
        _refuse(
            reason=f"certificate_{problem}",
            commune_code=commune_code,
            summary=f"{sender.code}: certificate {problem}",
            error=InvalidInput(
                _("The sending agency's certificate has expired or been revoked."),
                field="signature",
                code=problem,
            ),
        )
    if recipient is None or not recipient.is_ours:
        _refuse(
            reason="unknown_recipient",
            summary=f"{sender.code} → {meta['recipient']}",
            error=InvalidInput(
                _("The envelope is addressed to an agency that is not here."),
                field="recipient",
                code="unknown_recipient",
            ),
        )
    existing = InboundEnvelope.objects.filter(envelope_id=meta["id"]).first()
    if existing is not None:
        return _repeat(existing, envelope_bytes)
    if envelope.sha256(pdf) != meta["pdf_sha256"] or len(pdf) != meta["pdf_size"]:
        _refuse(
            reason="pdf_mismatch",
            commune_code=commune_code,
            summary=f"{sender.code}: the PDF is not the one in the envelope",
            error=InvalidInput(
                _("The PDF is not the one described in the envelope."), field="pdf", code="pdf_mismatch"
            ),
        )
    _pdf_check(pdf, sender=sender, commune_code=commune_code)
    return _register(meta, envelope_bytes, signature, pdf, sender=sender, recipient=recipient)


def _pdf_check(pdf: bytes, *, sender: Agency, commune_code: str) -> None:
    try:
        pdf_reader(pdf, settings.DOCUMENTS_MAX_PDF_BYTES)
        report = verification_report(None, pdf)
    except InvalidInput as exc:
        _refuse(
            reason=f"pdf_{exc.code}", commune_code=commune_code, summary=f"{sender.code}: {exc}", error=exc
        )
    if not report.ok:
        problems = "; ".join(p for sig in report.signatures for p in sig.problems) or "no signature"
        _refuse(
            reason="pdf_signature",
            commune_code=commune_code,
            summary=f"{sender.code}: {problems}",
            error=InvalidInput(
                _("The document's own signatures could not be confirmed: %(why)s")
                % {"why": problems or report.summary},
                field="pdf",
                code="pdf_signature",
            ),
        )


def _repeat(existing: InboundEnvelope, envelope_bytes: bytes) -> InboundEnvelope:
    if existing.envelope_sha256 != envelope.sha256(envelope_bytes):
        _refuse(
            reason="id_reused",
            commune_code=existing.commune_id,
            summary=f"envelope id {existing.envelope_id} reused with other content",
            error=Conflict(
                _("An envelope with this id but other content was already received."), code="id_reused"
            ),
        )
    return existing


def _register(meta, envelope_bytes, signature, pdf, *, sender: Agency, recipient: Agency) -> InboundEnvelope:
    commune = recipient.commune
    now = timezone.now()
    try:
        with transaction.atomic():
            doc = incoming_record(
                actor=None,
                actor_label=sender.name,
                commune=commune,
                kind=meta["kind"],
                title=meta["title"],
                sender=meta["sender_name"] or sender.name,
                number_symbol=meta["number_symbol"],
                document_date=dt.date.fromisoformat(meta["date"]) if meta["date"] else None,
                pdf=pdf,
                data={"envelope_id": meta["id"], "sender_agency": sender.code},
            )
            receipt = envelope.receipt_build(
                envelope=meta, envelope_bytes=envelope_bytes, received_at=now, register_number=doc.book_number
            )
            inbound = InboundEnvelope.objects.create(
                commune=commune,
                envelope_id=meta["id"],
                sender=sender,
                recipient=recipient,
                document=doc,
                envelope_sha256=envelope.sha256(envelope_bytes),
                envelope=envelope_bytes,
                signature=signature,
                receipt=receipt,
                receipt_signature=envelope.cms_sign(receipt, agency_key(recipient)),
                received_at=now,
            )
            audit_record(
                actor=None,
                action="inbound_envelope.accept",
                target=doc,
                commune_code=commune.code,
                summary=f"{sender.code}: {meta['number_symbol']} {meta['title']}"[:300],
                changes={"envelope_id": meta["id"], "book_number": doc.book_number},
            )
    except IntegrityError:
        # The same envelope arrived twice at once: the other request registered it.
        if "doc" in locals() and doc.file:
            doc.file.delete(save=False)
        existing = InboundEnvelope.objects.filter(envelope_id=meta["id"]).first()
        if existing is None:
            raise
        return _repeat(existing, envelope_bytes)
    except InvalidInput as exc:
        _refuse(
            reason=f"register_{exc.code}",
            commune_code=commune.code,
            summary=f"{sender.code}: {exc}",
            error=exc,
        )
    return inbound

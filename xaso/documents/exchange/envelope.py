"""Signed envelopes and delivery receipts of the exchange between agencies. Pure: no database.

On the wire (POST multipart/form-data to `<agency base URL>/api/v1/exchange/envelopes`):
- `envelope`: the metadata as JSON — id, sender and recipient agency codes, number and symbol,
  kind, date, title, SHA-256 and size of the PDF — exactly the bytes that were signed;
- `signature`: a detached CMS SignedData (RFC 5652, SHA-256, RSA) over those bytes, made with
  the sending agency's certificate, which the receiver pins in its registry of agencies;
- `pdf`: the signed PDF itself (its hash is in the signed metadata, so it cannot be swapped).
The answer carries the receipt the same way (JSON bytes and a detached CMS signature by the
receiving agency, both base64), which the sender verifies against its own registry.
"""

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from xaso.documents.signing.keys import run_async

ENVELOPE_TYPE = "xaso.envelope/1"
RECEIPT_TYPE = "xaso.receipt/1"
ENVELOPE_FIELDS = {
    "type": str,
    "id": str,
    "sender": str,
    "sender_name": str,
    "recipient": str,
    "number_symbol": str,
    "kind": str,
    "date": str,
    "title": str,
    "pdf_sha256": str,
    "pdf_size": int,
    "sent_at": str,
}
RECEIPT_FIELDS = {
    "type": str,
    "envelope_id": str,
    "envelope_sha256": str,
    "pdf_sha256": str,
    "sender": str,
    "recipient": str,
    "received_at": str,
    "register_number": int,
}


class EnvelopeInvalid(Exception):
    """An envelope or receipt that cannot be trusted; `code` says why (for the problem body)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(detail or code)
        self.code = code


@dataclass
class AgencyKey:
    """An agency's private key with its certificate (and the CAs above it)."""

    key: rsa.RSAPrivateKey
    cert: x509.Certificate
    chain: list[x509.Certificate] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def cms_sign(data: bytes, key: AgencyKey) -> bytes:
    """A detached CMS signature of `data` (DER)."""
    store = SimpleCertificateStore()
    store.register_multiple(translate_pyca_cryptography_cert_to_asn1(c) for c in key.chain)
    signer = SimpleSigner(
        signing_key=translate_pyca_cryptography_key_to_asn1(key.key),
        signing_cert=translate_pyca_cryptography_cert_to_asn1(key.cert),
        cert_registry=store,
    )
    return run_async(signer.async_sign_general_data(data, "sha256", detached=True)).dump()


def cms_verify(data: bytes, signature: bytes, *, cert_der: bytes) -> None:
    """Check that `signature` is a valid detached CMS signature of `data` made with the key of
    the pinned certificate `cert_der`. Raises EnvelopeInvalid("bad_signature" / "wrong_signer")."""
    try:
        signed_data = cms.ContentInfo.load(signature)["content"]
        signed_data.native  # noqa: B018 — parse it all now: a damaged structure fails here
        # Trust is the pin below, not a chain: the certificates the signature carries are taken
        # as roots only so that path building succeeds quietly.
        carried = [c.chosen for c in signed_data["certificates"] or []]
        roots = [asn1_x509.Certificate.load(cert_der), *carried]
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        status = run_async(async_validate_detached_cms(data, signed_data, signer_validation_context=context))
    except Exception as exc:  # noqa: BLE001 — any damage to the structure is a bad signature
        raise EnvelopeInvalid("bad_signature", f"the signature cannot be read: {exc!r}"[:300]) from None
    if status.signing_cert.dump() != cert_der:
        raise EnvelopeInvalid("wrong_signer", "signed with another certificate than the registered one")
    if not (status.intact and status.valid):
        raise EnvelopeInvalid("bad_signature", "the signature does not match the signed bytes")


def envelope_build(
    *,
    sender: str,
    sender_name: str,
    recipient: str,
    number_symbol: str,
    kind: str,
    date: dt.date | None,
    title: str,
    pdf: bytes,
    sent_at: dt.datetime,
    envelope_id: uuid.UUID | None = None,
) -> bytes:
    return canonical(
        {
            "type": ENVELOPE_TYPE,
            "id": str(envelope_id or uuid.uuid4()),
            "sender": sender,
            "sender_name": sender_name,
            "recipient": recipient,
            "number_symbol": number_symbol,
            "kind": kind,
            "date": date.isoformat() if date else "",
            "title": title,
            "pdf_sha256": sha256(pdf),
            "pdf_size": len(pdf),
            "sent_at": sent_at.isoformat(),
        }
    )


def _parse(data: bytes, fields: dict, kind: str) -> dict:
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise EnvelopeInvalid("malformed", "not JSON") from None
    if not isinstance(parsed, dict) or parsed.get("type") != kind:
        raise EnvelopeInvalid("malformed", f"not a {kind}")
    for name, typ in fields.items():
        if not isinstance(parsed.get(name), typ) or isinstance(parsed.get(name), bool):
            raise EnvelopeInvalid("malformed", f"the field {name!r} is missing or not a {typ.__name__}")
    try:
        uuid.UUID(parsed.get("id") or parsed.get("envelope_id"))
    except ValueError:
        raise EnvelopeInvalid("malformed", "the id is not a UUID") from None
    return parsed


def envelope_parse(data: bytes) -> dict:
    """The metadata of an envelope, checked for shape. Raises EnvelopeInvalid("malformed")."""
    parsed = _parse(data, ENVELOPE_FIELDS, ENVELOPE_TYPE)
    if parsed["date"]:
        try:
            dt.date.fromisoformat(parsed["date"])
        except ValueError:
            raise EnvelopeInvalid("malformed", "the date is not ISO 8601") from None
    return parsed


def receipt_build(
    *, envelope: dict, envelope_bytes: bytes, received_at: dt.datetime, register_number: int
) -> bytes:
    return canonical(
        {
            "type": RECEIPT_TYPE,
            "envelope_id": envelope["id"],
            "envelope_sha256": sha256(envelope_bytes),
            "pdf_sha256": envelope["pdf_sha256"],
            "sender": envelope["sender"],
            "recipient": envelope["recipient"],
            "received_at": received_at.isoformat(),
            "register_number": register_number,
        }
    )


def receipt_check(
    receipt: bytes, signature: bytes, *, envelope_bytes: bytes, recipient_cert_der: bytes
) -> dict:
    """Verify a delivery receipt: signed by the recipient's pinned certificate and about
    exactly the envelope we sent. Returns its content; raises EnvelopeInvalid."""
    cms_verify(receipt, signature, cert_der=recipient_cert_der)
    parsed = _parse(receipt, RECEIPT_FIELDS, RECEIPT_TYPE)
    envelope = json.loads(envelope_bytes)
    if parsed["envelope_id"] != envelope["id"] or parsed["envelope_sha256"] != sha256(envelope_bytes):
        raise EnvelopeInvalid("wrong_receipt", "the receipt is about another envelope")
    return parsed

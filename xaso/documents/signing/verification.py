"""Check every signature in a PDF and say, in plain words, what it proves. Pure: no database.

For each signature: who signed (certificate name, organisation, position), when (the time
certified by a timestamp authority when there is one, else the time the signer's software
claimed), whether the document was changed after signing, whether the certificate chains to
one of the configured trust roots, whether the certificate was valid at the signing time, and
whether its certification authority revoked it (the configured revocation lists).
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from xaso.core.errors import InvalidInput
from xaso.documents.signing.ocsp import REVOKED, UNKNOWN, UNREACHABLE, OcspAnswer
from xaso.documents.signing.pki import TEST_MARK
from xaso.documents.signing.revocation import revoked_in


@dataclass
class SignatureReport:
    field_name: str
    signer: str
    organisation: str
    position: str
    signed_at: datetime | None
    time_certified: bool  # True: the time comes from an RFC 3161 timestamp, not the signer
    intact: bool  # the signed bytes hash to what was signed and the signature checks out
    unchanged: bool  # nothing but further signatures/form fill was added after signing
    trusted: bool  # the chain reaches a configured trust root
    valid_at_signing: bool  # the certificate was within its validity period at signing time
    is_test: bool
    revoked: bool  # a revocation list of its CA lists the certificate
    serial: str
    issuer: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.unchanged and self.trusted and self.valid_at_signing and not self.revoked

    @property
    def is_organisation(self) -> bool:
        """An organisation's certificate (a commune's seal): Vietnamese CAs name the agency
        itself as its subject (common name = organisation) and no person's title."""
        return bool(self.organisation) and self.signer == self.organisation and not self.position

    def as_dict(self) -> dict:
        return {
            "field_name": self.field_name,
            "signer": self.signer,
            "organisation": self.organisation,
            "position": self.position,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "time_certified": self.time_certified,
            "intact": self.intact,
            "unchanged": self.unchanged,
            "trusted": self.trusted,
            "valid_at_signing": self.valid_at_signing,
            "is_test": self.is_test,
            "revoked": self.revoked,
            "ok": self.ok,
            "is_organisation": self.is_organisation,
            "serial": self.serial,
            "issuer": self.issuer,
            "problems": self.problems,
        }


@dataclass
class VerificationReport:
    signatures: list[SignatureReport]

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(sig.ok for sig in self.signatures)

    @property
    def summary(self) -> str:
        if not self.signatures:
            return _("This PDF carries no digital signature.")
        if self.ok:
            return _("Every signature in this document is valid and the document was not changed.")
        return _("At least one signature in this document could not be confirmed: see the details.")


def _now() -> datetime:
    return datetime.now(UTC)


def _name_part(name: asn1_x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def pdf_size_check(size: int, max_bytes: int) -> None:
    """Refuse an oversized file by its announced size, before reading it into memory."""
    if size > max_bytes:
        raise InvalidInput(
            _("The file is too large (%(size)d MB at most).") % {"size": max_bytes // (1024 * 1024)},
            field="file",
            code="too_large",
        )


def pdf_reader(pdf: bytes, max_bytes: int) -> PdfFileReader:
    pdf_size_check(len(pdf), max_bytes)
    if not pdf.lstrip()[:5] == b"%PDF-":
        raise InvalidInput(_("This file is not a PDF document."), field="file", code="not_pdf")
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        encrypted = reader.encrypted
        if not encrypted:
            reader.embedded_signatures  # noqa: B018 — parse the signature fields now, not later
    except Exception:  # noqa: BLE001 — a damaged file can make the parser fail in any way
        raise InvalidInput(_("The PDF file is damaged and cannot be read."), field="file", code="corrupt")
    if encrypted:
        raise InvalidInput(
            _("The PDF file is password-protected; send the file without a password."),
            field="file",
            code="encrypted",
        )
    return reader


def pdf_verify(
    pdf: bytes,
    *,
    trust_roots: list[bytes],
    max_bytes: int,
    crls: list[bytes] = (),
    ocsp_status: Callable[[bytes, list[bytes]], OcspAnswer] | None = None,
) -> VerificationReport:
    """Verify every signature of `pdf` against `trust_roots` (DER certificates), the
    revocation lists `crls` (DER) and, when given, `ocsp_status` (asked for a certificate that
    names a responder; signing/ocsp.py). Raises InvalidInput for a file that is too large, not
    a PDF, damaged or encrypted."""
    reader = pdf_reader(pdf, max_bytes)
    roots = [asn1_x509.Certificate.load(der) for der in trust_roots]
    revocation_lists = [x509.load_der_x509_crl(der) for der in crls]
    reports = []
    try:
        signatures = list(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 — see pdf_reader
        raise InvalidInput(_("The PDF file is damaged and cannot be read."), field="file", code="corrupt")
    for embedded in signatures:
        reports.append(_verify_one(embedded, roots, list(trust_roots), revocation_lists, ocsp_status))
    return VerificationReport(signatures=reports)


def _verify_one(embedded, roots, roots_der, crls, ocsp_status=None) -> SignatureReport:
    try:
        claimed = embedded.self_reported_timestamp
    except (ValueError, KeyError):
        claimed = None
    context = ValidationContext(
        trust_roots=roots,
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=claimed or _now(),
        best_signature_time=claimed,
    )
    cert = embedded.signer_cert
    subject = cert.subject
    problems: list[str] = []
    try:
        status = validate_pdf_signature(embedded, context)
    except Exception:  # noqa: BLE001 — a malformed signature must be reported, not crash the page
        return SignatureReport(
            field_name=embedded.field_name or "",
            signer=_name_part(subject, "common_name"),
            organisation=_name_part(subject, "organization_name"),
            position=_name_part(subject, "title"),
            signed_at=claimed,
            time_certified=False,
            intact=False,
            unchanged=False,
            trusted=False,
            valid_at_signing=False,
            is_test=TEST_MARK in _name_part(subject, "organizational_unit_name"),
            revoked=False,
            serial=format(cert.serial_number, "x"),
            issuer=_name_part(cert.issuer, "common_name"),
            problems=[_("The signature is malformed and cannot be checked.")],
        )
    signed_at, certified = claimed, False
    if status.timestamp_validity is not None:
        signed_at, certified = status.timestamp_validity.timestamp, True
        if not status.timestamp_validity.intact or not status.timestamp_validity.valid:
            problems.append(_("The timestamp attached to the signature is not valid."))
    intact = bool(status.intact and status.valid)
    level = status.modification_level
    unchanged = intact and (
        status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        or (level is not None and level <= ModificationLevel.FORM_FILLING)
    )
    when = signed_at or _now()
    valid_at_signing = cert.not_valid_before <= when <= cert.not_valid_after
    trusted = bool(status.trusted)
    if not intact:
        problems.append(_("The document was changed after it was signed, or the signature is damaged."))
    elif not unchanged:
        problems.append(_("Content was added to the document after it was signed."))
    if not trusted:
        problems.append(_("The certificate does not come from a trusted certification authority."))
    if not valid_at_signing:
        problems.append(_("The certificate was not valid (expired or not yet valid) at the time of signing."))
    # A revocation counts against a signature made after it, or at any time when the signing
    # time is only the signer's claim (no timestamp proves it came before the revocation).
    issuers = roots_der + [c.dump() for c in embedded.other_embedded_certs]
    revoked_on = revoked_in(cert.dump(), issuers, crls)
    # Only a certificate that chains to a trust root is asked about: its responder's address
    # was written by a trusted CA, not by whoever uploaded the PDF (no requests to their URLs).
    if revoked_on is None and ocsp_status is not None and trusted:
        answer = ocsp_status(cert.dump(), issuers)
        if answer.status == REVOKED:
            revoked_on = answer.revoked_at
        elif answer.status in (UNREACHABLE, UNKNOWN):
            problems.append(
                _(
                    "The certification authority's OCSP service did not answer: "
                    "revocation could not be confirmed."
                )
            )
    revoked = bool(status.revoked) or (
        revoked_on is not None and (not certified or signed_at is None or revoked_on <= signed_at)
    )
    if revoked:
        problems.append(_("The certificate has been revoked."))
    return SignatureReport(
        field_name=embedded.field_name or "",
        signer=_name_part(subject, "common_name"),
        organisation=_name_part(subject, "organization_name"),
        position=_name_part(subject, "title"),
        signed_at=signed_at,
        time_certified=certified,
        intact=intact,
        unchanged=unchanged,
        trusted=trusted,
        valid_at_signing=valid_at_signing,
        is_test=TEST_MARK in _name_part(subject, "organizational_unit_name"),
        revoked=revoked,
        serial=format(cert.serial_number, "x"),
        issuer=_name_part(cert.issuer, "common_name"),
        problems=problems,
    )

"""Writes of the documents app: trust roots, signing credentials, signed documents."""

import base64
import hashlib
import secrets

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12 as crypto_pkcs12
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.pdf import Anchor, html_to_pdf_with_anchors
from xaso.core.qr import qr_png_data_uri
from xaso.core.tenancy import scope_of
from xaso.core.text import fold_all
from xaso.documents import conf, keys, revocation, secret_tries, signing
from xaso.documents.models import KeySourceKind, SignedDocument, SigningCredential, TrustRoot
from xaso.documents.pki import TEST_MARK
from xaso.documents.selectors import credentials_usable_by, trust_roots_der
from xaso.documents.verification import pdf_reader

MANAGE_CREDENTIALS = "documents.manage_credentials"
SIGNATURE_ANCHOR = "xaso-signature"
# Crockford's base32 without look-alikes: read aloud over the phone, typed from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _require(actor, perm: str, commune) -> None:
    if not scope_of(actor, perm).reaches(commune_code=commune.code, province_code=commune.province_id):
        raise NotAllowed(_("You are not allowed to do this in this commune."))


def verification_code_new() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("documents:verify_code", args=[code])


# --- trust roots ---------------------------------------------------------------------------


def trust_root_add(*, actor, certificate_der: bytes, label: str = "", is_test: bool = False) -> TrustRoot:
    """Trust a CA certificate for verification. Idempotent on the certificate's fingerprint."""
    try:
        cert = x509.load_der_x509_certificate(certificate_der)
    except ValueError:
        raise InvalidInput(_("This is not a certificate."), field="certificate")
    fingerprint = hashlib.sha256(certificate_der).hexdigest()
    with transaction.atomic():
        root, created = TrustRoot.objects.get_or_create(
            fingerprint=fingerprint,
            defaults={
                "label": label or cert.subject.rfc4514_string()[:200],
                "certificate_der": certificate_der,
                "is_test": is_test,
            },
        )
        if created:
            audit_record(actor=actor, action="trust_root.add", target=root, summary=root.label)
    return root


# --- credentials ---------------------------------------------------------------------------


def _name(cert: x509.Certificate, oid) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _credential_fields(cert: x509.Certificate, chain: list[x509.Certificate]) -> dict:
    der = cert.public_bytes(serialization.Encoding.DER)
    return {
        "certificate_der": der,
        "chain_der": [base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode() for c in chain],
        "subject": cert.subject.rfc4514_string()[:500],
        "organisation": _name(cert, x509.NameOID.ORGANIZATION_NAME)[:200],
        "not_before": cert.not_valid_before_utc,
        "not_after": cert.not_valid_after_utc,
        "is_test": TEST_MARK in _name(cert, x509.NameOID.ORGANIZATIONAL_UNIT_NAME),
    }


def _credential_save(*, actor, commune, holder, label, position, source, fields) -> SigningCredential:
    _require(actor, MANAGE_CREDENTIALS, commune)
    label = " ".join((label or "").split())
    if not label:
        raise InvalidInput(_("Give the certificate a name."), field="label")
    with transaction.atomic():
        credential = SigningCredential.objects.create(
            commune=commune,
            holder=holder,
            label=label[:200],
            position=position[:200],
            source=source,
            **fields,
        )
        audit_record(
            actor=actor,
            action="signing_credential.create",
            target=credential,
            commune_code=commune.code,
            summary=label,
            changes={
                "source": source,
                "subject": credential.subject,
                "holder": holder.pk if holder else None,
            },
        )
    return credential


def credential_create_pkcs12(
    *, actor, commune, holder, label: str, position: str = "", pkcs12: bytes, passphrase: str
) -> SigningCredential:
    """Store a PKCS#12 file for signing. Rules: the file must be encrypted (it will not open
    without a passphrase) and the given passphrase must open it; the passphrase is not kept."""
    try:
        crypto_pkcs12.load_key_and_certificates(pkcs12, None)
    except (ValueError, TypeError):
        pass
    else:
        raise InvalidInput(
            _("This PKCS#12 file is not protected by a passphrase; export it again with one."),
            field="pkcs12",
        )
    try:
        key, cert, extra = crypto_pkcs12.load_key_and_certificates(pkcs12, (passphrase or "").encode())
    except (ValueError, TypeError):
        raise InvalidInput(_("The passphrase does not open this file."), field="passphrase")
    if key is None or cert is None:
        raise InvalidInput(_("The file holds no signing key and certificate."), field="pkcs12")
    fields = _credential_fields(cert, list(extra or []))
    fields["pkcs12"] = pkcs12
    return _credential_save(
        actor=actor,
        commune=commune,
        holder=holder,
        label=label,
        position=position,
        source=KeySourceKind.PKCS12,
        fields=fields,
    )


def credential_create_pkcs11(
    *,
    actor,
    commune,
    holder,
    label: str,
    position: str = "",
    library: str,
    token: str,
    key_label: str,
    certificate_pem: bytes,
    chain_pem: bytes = b"",
) -> SigningCredential:
    """Register a key held on a PKCS#11 token (a USB token or an HSM) with its certificate."""
    try:
        cert = x509.load_pem_x509_certificate(certificate_pem)
        chain = x509.load_pem_x509_certificates(chain_pem) if chain_pem.strip() else []
    except ValueError:
        raise InvalidInput(_("This is not a certificate."), field="certificate")
    fields = _credential_fields(cert, chain)
    fields.update(pkcs11_library=library, pkcs11_token=token, pkcs11_key_label=key_label)
    return _credential_save(
        actor=actor,
        commune=commune,
        holder=holder,
        label=label,
        position=position,
        source=KeySourceKind.PKCS11,
        fields=fields,
    )


def credential_create_csc(
    *,
    actor,
    commune,
    holder,
    label: str,
    position: str = "",
    service_url: str,
    credential_id: str,
) -> SigningCredential:
    """Register a credential of a remote signing service (Cloud Signature Consortium API v1).
    Rules: the certificate and chain are read from the service (credentials/info), so what
    xaso shows is what the service will sign with."""
    _require(actor, MANAGE_CREDENTIALS, commune)
    source = keys.CscSource(service_url=service_url, credential_id=credential_id)
    try:
        cert_der, chain_der = source.certificates()
    except keys.KeyUnavailable:
        raise InvalidInput(
            _("The signing service could not be reached or does not know this credential."),
            field="service_url",
        )
    cert = x509.load_der_x509_certificate(cert_der)
    chain = [x509.load_der_x509_certificate(der) for der in chain_der]
    fields = _credential_fields(cert, chain)
    fields.update(csc_url=service_url, csc_credential_id=credential_id)
    return _credential_save(
        actor=actor,
        commune=commune,
        holder=holder,
        label=label,
        position=position,
        source=KeySourceKind.CSC,
        fields=fields,
    )


def credential_revoke(*, actor, credential: SigningCredential) -> SigningCredential:
    """Stop signing with a credential (lost token, left office). Rules: kept for history."""
    _require(actor, MANAGE_CREDENTIALS, credential.commune)
    with transaction.atomic():
        credential = SigningCredential.objects.select_for_update().get(pk=credential.pk)
        if credential.revoked_at is None:
            credential.revoked_at = timezone.now()
            credential.save(update_fields=["revoked_at"])
            audit_record(
                actor=actor,
                action="signing_credential.revoke",
                target=credential,
                commune_code=credential.commune_id,
                summary=credential.label,
            )
    return credential


def key_source(credential: SigningCredential):
    chain = [base64.b64decode(c) for c in credential.chain_der]
    if credential.source == KeySourceKind.PKCS12:
        return keys.Pkcs12Source(bytes(credential.pkcs12), chain)
    if credential.source == KeySourceKind.PKCS11:
        return keys.Pkcs11Source(
            library=credential.pkcs11_library,
            token_label=credential.pkcs11_token,
            key_label=credential.pkcs11_key_label,
            cert_der=bytes(credential.certificate_der),
            chain_der=chain,
        )
    return keys.CscSource(service_url=credential.csc_url, credential_id=credential.csc_credential_id)


# --- signing -------------------------------------------------------------------------------


def _refuse(*, actor, commune, credential, reason: str, error):
    """Record why a signature was refused (in its own transaction: it must survive the error)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="document.sign_refused",
            target=credential,
            commune_code=commune.code,
            summary=reason,
        )
    raise error


def _check_credential(*, actor, commune, credential: SigningCredential) -> None:
    if credential.commune_id != commune.code:
        raise NotAllowed(_("This certificate belongs to another commune."))
    if not credentials_usable_by(actor, commune).filter(pk=credential.pk).exists():
        if credential.revoked_at is not None:
            _refuse(
                actor=actor,
                commune=commune,
                credential=credential,
                reason="revoked",
                error=Conflict(
                    _("This certificate has been revoked and can no longer sign."), code="revoked"
                ),
            )
        raise NotAllowed(_("You cannot sign with this certificate."))
    now = timezone.now()
    if not (credential.not_before <= now <= credential.not_after):
        _refuse(
            actor=actor,
            commune=commune,
            credential=credential,
            reason="expired",
            error=Conflict(_("This certificate has expired or is not yet valid."), code="expired"),
        )
    issuers = [base64.b64decode(c) for c in credential.chain_der] + trust_roots_der()
    if revocation.revoked_at(bytes(credential.certificate_der), issuers) is not None:
        _refuse(
            actor=actor,
            commune=commune,
            credential=credential,
            reason="revoked by its certification authority (CRL)",
            error=Conflict(
                _("This certificate has been revoked by its certification authority and can no longer sign."),
                code="revoked",
            ),
        )


def pdf_sign_with(
    *,
    actor,
    commune,
    credential: SigningCredential,
    secret: str,
    pdf: bytes,
    anchor: Anchor | None,
    reason: str,
    verification_url: str = "",
    code: str = "",
    headline: str = "",
) -> bytes:
    """Sign PDF bytes with a credential after the checks every signature needs: the actor may
    use the credential, it is neither revoked nor expired, the secret opens the key (with a
    back-off after wrong tries: secret_tries). A refusal for a wrong secret, a revoked or an
    expired certificate is written to the audit chain."""
    _check_credential(actor=actor, commune=commune, credential=credential)
    secret_tries.secret_tries_check(actor=actor, credential=credential)
    label = signing.SignerLabel(
        name=credential.holder.full_name if credential.holder else credential.label,
        position=credential.position,
        organisation=credential.organisation,
        is_test=credential.is_test,
        qr_data_uri=qr_png_data_uri(verification_url, border=1) if verification_url else "",
        code=code,
        headline=headline,
    )
    try:
        signed = signing.pdf_sign(
            pdf,
            source=key_source(credential),
            secret=secret,
            label=label,
            at=timezone.now(),
            anchor=anchor,
            reason=reason,
            location=commune.name,
            tsa_url=conf.TSA_URL,
        )
    except keys.WrongSecret:
        secret_tries.secret_wrong(actor=actor, credential=credential)
        _refuse(
            actor=actor,
            commune=commune,
            credential=credential,
            reason="wrong secret",
            error=InvalidInput(
                _("The passphrase or PIN is not correct."), field="secret", code="wrong_secret"
            ),
        )
    except keys.KeyUnavailable as exc:
        _refuse(
            actor=actor,
            commune=commune,
            credential=credential,
            reason=f"key unavailable: {exc}"[:300],
            error=Conflict(
                _("The signing key cannot be reached (token unplugged or service down)."),
                code="key_unavailable",
            ),
        )
    secret_tries.secret_right(actor=actor, credential=credential)
    return signed


def signed_result_create(
    *,
    actor,
    commune,
    title: str,
    html_or_pdf: str | bytes,
    credential: SigningCredential,
    secret: str,
    kind: str = "result",
    reason: str = "",
    subject_type: str = "",
    subject_id: str = "",
    search_extra: str = "",
) -> SignedDocument:
    """Sign a result (HTML to render, or PDF bytes) and keep it under a public verification
    code whose QR is drawn in the visible signature block. Rules: see `pdf_sign_with`; HTML
    may reserve the block's place with an element id="xaso-signature"; the PDF must be
    readable, unencrypted and within the size limit. Returns the record (`.code`, `.file`)."""
    title = " ".join((title or "").split())
    if not title:
        raise InvalidInput(_("Enter the document title."), field="title")
    anchor = None
    if isinstance(html_or_pdf, str):
        pdf, anchors = html_to_pdf_with_anchors(html_or_pdf)
        anchor = anchors.get(SIGNATURE_ANCHOR)
    else:
        pdf = bytes(html_or_pdf)
        pdf_reader(pdf, conf.MAX_PDF_BYTES)
    code = verification_code_new()
    url = verification_url(code)
    signed = pdf_sign_with(
        actor=actor,
        commune=commune,
        credential=credential,
        secret=secret,
        pdf=pdf,
        anchor=anchor,
        reason=reason or title,
        verification_url=url,
        code=code,
    )
    digest = hashlib.sha256(signed).hexdigest()
    signer_name = credential.holder.full_name if credential.holder else credential.label
    doc = SignedDocument(
        commune=commune,
        code=code,
        title=title[:300],
        kind=kind[:40],
        sha256=digest,
        size=len(signed),
        signed_by=actor,
        credential=credential,
        signer_name=signer_name[:200],
        signed_at=timezone.now(),
        is_test=credential.is_test,
        subject_type=subject_type[:80],
        subject_id=str(subject_id)[:80],
        search_text=fold_all(title, code, signer_name, search_extra),
    )
    doc.file.save(f"{code}.pdf", ContentFile(signed), save=False)
    try:
        with transaction.atomic():
            doc.save()
            audit_record(
                actor=actor,
                action="document.sign",
                target=doc,
                commune_code=commune.code,
                summary=title,
                changes={"code": code, "sha256": digest, "credential": credential.pk, "kind": kind},
            )
    except Exception:
        # Nothing half-written: the file goes with the row that would have pointed at it.
        doc.file.delete(save=False)
        raise
    return doc

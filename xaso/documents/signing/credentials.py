"""Writes of trust roots and signing credentials: trust a CA, store a PKCS#12 file, register a
key on a PKCS#11 token or at a remote signing service (CSC), revoke a credential; and the key
source behind a credential (signing/keys.py)."""

import base64
import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12 as crypto_pkcs12
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.permissions import require
from xaso.documents.models import KeySourceKind, SigningCredential, TrustRoot
from xaso.documents.permissions import MANAGE_CREDENTIALS
from xaso.documents.signing import keys
from xaso.documents.signing.pki import TEST_MARK

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


def _credential_save(
    *, actor, commune, holder, label, position, source, fields, permission=MANAGE_CREDENTIALS
) -> SigningCredential:
    require(actor, permission, commune=commune)
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
    *,
    actor,
    commune,
    holder,
    label: str,
    position: str = "",
    pkcs12: bytes,
    passphrase: str,
    permission: str = MANAGE_CREDENTIALS,
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
        permission=permission,
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
    permission: str = MANAGE_CREDENTIALS,
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
        permission=permission,
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
    permission: str = MANAGE_CREDENTIALS,
) -> SigningCredential:
    """Register a credential of a remote signing service (Cloud Signature Consortium API v1).
    Rules: the certificate and chain are read from the service (credentials/info), so what
    xaso shows is what the service will sign with."""
    require(actor, permission, commune=commune)
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
        permission=permission,
    )


def credential_revoke(*, actor, credential: SigningCredential) -> SigningCredential:
    """Stop signing with a credential (lost token, left office). Rules: kept for history."""
    require(actor, MANAGE_CREDENTIALS, commune=credential.commune)
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

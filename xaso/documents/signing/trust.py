"""Installing the certification authorities xaso trusts: the national root and the licensed
providers' roots and intermediate CAs, from a file an administrator was given (PEM, possibly
several certificates, or DER). Used by `xaso pki trust add FILE` and the admin's trust roots."""

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput
from xaso.documents.models import TrustRoot
from xaso.documents.signing.credentials import trust_root_add
from xaso.documents.signing.pki import TEST_MARK

MAX_BYTES = 1024 * 1024


def ca_certificates_parse(data: bytes) -> list[x509.Certificate]:
    """The CA certificates in `data` (PEM blocks or one DER certificate). Refuses a file that
    holds no certificate, and a certificate that is not a CA's (a person's or a seal's)."""
    if not data or len(data) > MAX_BYTES:
        raise InvalidInput(_("This file is not a certificate (PEM or DER)."), field="certificate")
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            certs = x509.load_pem_x509_certificates(data)
        else:
            certs = [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise InvalidInput(_("This file is not a certificate (PEM or DER)."), field="certificate") from None
    for cert in certs:
        try:
            is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            is_ca = cert.issuer == cert.subject  # an old self-signed root without the extension
        if not is_ca:
            raise InvalidInput(
                _("%(name)s is not a certification authority's certificate.")
                % {"name": cert.subject.rfc4514_string()[:200]},
                field="certificate",
            )
    return certs


def trust_roots_install(*, actor, data: bytes, label: str = "") -> list[TrustRoot]:
    """Trust every CA certificate of a file (roots and intermediates). Idempotent; each new
    one is audited (`trust_root.add`). A certificate marked as a test one is kept as such."""
    roots = []
    certs = ca_certificates_parse(data)
    for cert in certs:
        units = cert.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATIONAL_UNIT_NAME)
        roots.append(
            trust_root_add(
                actor=actor,
                certificate_der=cert.public_bytes(serialization.Encoding.DER),
                label=label if label and len(certs) == 1 else "",
                is_test=any(TEST_MARK in str(u.value) for u in units),
            )
        )
    return roots

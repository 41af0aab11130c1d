"""A small certificate authority for tests and the demo: a root, an organisation (seal)
certificate and personal certificates, all marked as test certificates in their subject.

Real communes get their certificates from a licensed provider (VNPT-CA, Viettel-CA, the
government CA); this module exists so that signing works out of the box and in the tests.
"""

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

TEST_MARK = "CHỨNG THƯ THỬ NGHIỆM - TEST ONLY"


@dataclass
class Issued:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @property
    def cert_der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def _name(common_name: str, organisation: str, *, title: str = "") -> x509.Name:
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TEST_MARK),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    if title:
        parts.append(x509.NameAttribute(NameOID.TITLE, title))
    return x509.Name(parts)


def _key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def ca_create(name: str = "xaso Test Root CA", *, days: int = 3650, now: dt.datetime | None = None) -> Issued:
    now = now or dt.datetime.now(dt.UTC)
    key = _key()
    subject = _name(name, "xaso")
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, cert)


def cert_issue(
    ca: Issued,
    *,
    common_name: str,
    organisation: str,
    title: str = "",
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    key: rsa.RSAPrivateKey | None = None,
    ocsp_url: str = "",
) -> Issued:
    """A signing certificate (digital signature + non-repudiation, document signing EKU); with
    `ocsp_url`, its Authority Information Access names that OCSP responder."""
    now = dt.datetime.now(dt.UTC)
    key = key or _key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation, title=title))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(days=1))
        .not_valid_after(not_after or now + dt.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.EMAIL_PROTECTION, x509.ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
    )
    if ocsp_url:
        access = x509.AccessDescription(
            x509.AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp_url)
        )
        builder = builder.add_extension(x509.AuthorityInformationAccess([access]), critical=False)
    return Issued(key, builder.sign(ca.key, hashes.SHA256()))


def tsa_cert_issue(ca: Issued, *, common_name: str = "xaso Test TSA") -> Issued:
    """A timestamp authority certificate (RFC 3161: critical extended key usage timeStamping)."""
    now = dt.datetime.now(dt.UTC)
    key = _key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, "xaso"))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(key, cert)


def pkcs12_bytes(issued: Issued, ca: Issued, passphrase: str, *, friendly_name: str = "xaso") -> bytes:
    """A PKCS#12 file encrypted with AES-256 under the passphrase (never stored in clear)."""
    if not passphrase:
        raise ValueError("a PKCS#12 file must be protected by a passphrase")
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode(),
        issued.key,
        issued.cert,
        [ca.cert],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


def crl_create(
    ca: Issued, revoked: list[tuple[int, dt.datetime]], *, days: int = 7, now: dt.datetime | None = None
) -> x509.CertificateRevocationList:
    """A certificate revocation list (RFC 5280) signed by `ca`: the serials it revoked, with
    when. Valid for `days`; the demo re-issues it each time a certificate is revoked."""
    now = now or dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.cert.subject)
        .last_update(now - dt.timedelta(minutes=5))
        .next_update(now + dt.timedelta(days=days))
        .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
    )
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return builder.sign(ca.key, hashes.SHA256())

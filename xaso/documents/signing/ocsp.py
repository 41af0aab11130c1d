"""Online revocation status (OCSP, RFC 6960) of a certificate that names a responder in its
Authority Information Access extension. Asked when signing and when verifying, beside the CRLs
of revocation.py.

An answer counts only when it is signed by the certificate's issuer or by a responder the
issuer delegated (a certificate it issued with the OCSP-signing usage), and when it is about
this certificate and carries our nonce if the responder echoes one.

Policy when the responder does not answer (down, too slow: XASO_OCSP_TIMEOUT_SECONDS, or an
answer that does not check out): soft fail, as for CRLs. The signature goes ahead, the refusal
to know is written to the audit chain (`document.ocsp_unreachable`) and the verification page
says the revocation status could not be confirmed. A provider's outage must not stop a commune
issuing birth certificates; a revoked certificate is refused as soon as the responder says so.
"""

import logging
import secrets
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID
from django.conf import settings

log = logging.getLogger(__name__)
GOOD, REVOKED, UNKNOWN, UNREACHABLE, NOT_ASKED = "good", "revoked", "unknown", "unreachable", "not_asked"
CACHE_SECONDS = 300
MAX_RESPONSE_BYTES = 1024 * 1024
_cache: dict[tuple[str, int], tuple[float, "OcspAnswer"]] = {}


@dataclass(frozen=True)
class OcspAnswer:
    status: str  # GOOD, REVOKED, UNKNOWN, UNREACHABLE or NOT_ASKED (no responder named)
    revoked_at: datetime | None = None
    responder: str = ""


def responder_urls(cert: x509.Certificate) -> list[str]:
    try:
        access = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    except x509.ExtensionNotFound:
        return []
    return [
        d.access_location.value
        for d in access
        if d.access_method == x509.AuthorityInformationAccessOID.OCSP
        and isinstance(d.access_location, x509.UniformResourceIdentifier)
        and d.access_location.value.startswith(("http://", "https://"))
    ]


def ocsp_status(cert_der: bytes, issuers_der: list[bytes], *, timeout: int | None = None) -> OcspAnswer:
    """The status the certificate's responder gives (NOT_ASKED when it names none)."""
    cert = x509.load_der_x509_certificate(cert_der)
    urls = responder_urls(cert)
    if not urls:
        return OcspAnswer(NOT_ASKED)
    issuer = next(
        (c for c in map(x509.load_der_x509_certificate, issuers_der) if c.subject == cert.issuer),
        None,
    )
    if issuer is None:
        return OcspAnswer(UNREACHABLE, responder=urls[0])
    cached = _cache.get((urls[0], cert.serial_number))
    if cached and time.monotonic() < cached[0]:
        return cached[1]
    answer = _ask(urls[0], cert, issuer, timeout or settings.OCSP_TIMEOUT_SECONDS)
    if answer.status in (GOOD, REVOKED):
        _cache[(urls[0], cert.serial_number)] = (time.monotonic() + CACHE_SECONDS, answer)
    return answer


def _ask(url: str, cert: x509.Certificate, issuer: x509.Certificate, timeout: int) -> OcspAnswer:
    nonce = secrets.token_bytes(16)
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(cert, issuer, hashes.SHA1())  # noqa: S303 — the CertID hash RFC 6960 responders expect
        .add_extension(x509.OCSPNonce(nonce), critical=False)
        .build()
    )
    http = urllib.request.Request(  # noqa: S310 — http(s) only (responder_urls)
        url,
        data=request.public_bytes(serialization.Encoding.DER),
        headers={"Content-Type": "application/ocsp-request", "Accept": "application/ocsp-response"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(http, timeout=timeout) as response:  # noqa: S310
            answer = ocsp.load_der_ocsp_response(response.read(MAX_RESPONSE_BYTES))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        log.warning("ocsp: the responder %s did not answer: %s", url, exc)
        return OcspAnswer(UNREACHABLE, responder=url)
    if not _trusted(answer, cert, issuer, nonce):
        log.warning("ocsp: the answer of %s does not check out", url)
        return OcspAnswer(UNREACHABLE, responder=url)
    if answer.certificate_status == ocsp.OCSPCertStatus.GOOD:
        return OcspAnswer(GOOD, responder=url)
    if answer.certificate_status == ocsp.OCSPCertStatus.REVOKED:
        return OcspAnswer(REVOKED, revoked_at=answer.revocation_time_utc, responder=url)
    return OcspAnswer(UNKNOWN, responder=url)


def _trusted(answer, cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes) -> bool:
    if answer.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        return False
    if answer.serial_number != cert.serial_number:
        return False
    try:
        echoed = answer.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
    except x509.ExtensionNotFound:
        echoed = None
    if echoed is not None and echoed != nonce:
        return False
    for signer in [issuer, *answer.certificates]:
        if signer is not issuer and not _delegated(signer, issuer):
            continue
        if _signature_ok(answer, signer):
            return True
    return False


def _delegated(responder: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        responder.verify_directly_issued_by(issuer)
        usage = responder.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except (ValueError, TypeError, InvalidSignature, x509.ExtensionNotFound):
        return False
    return ExtendedKeyUsageOID.OCSP_SIGNING in usage


def _signature_ok(answer, signer: x509.Certificate) -> bool:
    key = signer.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(
                answer.signature,
                answer.tbs_response_bytes,
                padding.PKCS1v15(),
                answer.signature_hash_algorithm,
            )
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(answer.signature, answer.tbs_response_bytes, ec.ECDSA(answer.signature_hash_algorithm))
        else:
            return False
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True

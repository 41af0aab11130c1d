"""Certificate revocation lists (CRL, RFC 5280), read from the files or URLs configured in
XASO_CRL_SOURCES (the demo CA's list is var/pki/demo/ca.crl, written by `xaso pki demo`).

A list counts only when its signature checks out against the certificate of the CA that
issued it. A source that cannot be read is logged and skipped (soft fail): a provider's
outage must not stop a commune's work; the verification page still reports what it checked.
"""

import logging
import time
import urllib.request
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings

log = logging.getLogger(__name__)
CACHE_SECONDS = 300
_cache: dict[str, tuple[float, object, list[x509.CertificateRevocationList]]] = {}


def _parse(data: bytes) -> list[x509.CertificateRevocationList]:
    if b"-----BEGIN X509 CRL-----" in data:
        blocks = data.split(b"-----END X509 CRL-----")
        return [x509.load_pem_x509_crl(b + b"-----END X509 CRL-----") for b in blocks if b"BEGIN" in b]
    return [x509.load_der_x509_crl(data)]


def _load(source: str) -> list[x509.CertificateRevocationList]:
    if source.startswith(("http://", "https://")):
        cached = _cache.get(source)
        if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[2]
        with urllib.request.urlopen(source, timeout=10) as response:  # noqa: S310 — http(s) only
            crls = _parse(response.read(10 * 1024 * 1024))
        _cache[source] = (time.monotonic(), None, crls)
        return crls
    path = Path(source)
    mtime = path.stat().st_mtime
    cached = _cache.get(source)
    if cached and cached[1] == mtime:
        return cached[2]
    crls = _parse(path.read_bytes())
    _cache[source] = (time.monotonic(), mtime, crls)
    return crls


def crls_load(sources: list[str] | None = None) -> list[x509.CertificateRevocationList]:
    """Every list from the configured sources that could be read."""
    crls = []
    for source in settings.CRL_SOURCES if sources is None else sources:
        try:
            crls.extend(_load(source))
        except (OSError, ValueError) as exc:
            log.warning("revocation: cannot read the CRL at %s: %s", source, exc)
    return crls


def crls_der(sources: list[str] | None = None) -> list[bytes]:
    return [crl.public_bytes(serialization.Encoding.DER) for crl in crls_load(sources)]


def revoked_at(
    cert_der: bytes, issuers_der: list[bytes], sources: list[str] | None = None
) -> datetime | None:
    """When the certificate was revoked according to a configured list signed by its issuer
    (one of `issuers_der`), or None."""
    return revoked_in(cert_der, issuers_der, crls_load(sources))


def revoked_in(
    cert_der: bytes, issuers_der: list[bytes], crls: list[x509.CertificateRevocationList]
) -> datetime | None:
    """When the certificate was revoked according to one of `crls` signed by its issuer, or None."""
    cert = x509.load_der_x509_certificate(cert_der)
    issuers = [x509.load_der_x509_certificate(der) for der in issuers_der]
    issuers = [c for c in issuers if c.subject == cert.issuer]
    for crl in crls:
        if crl.issuer != cert.issuer:
            continue
        if not any(_signed_by(crl, issuer) for issuer in issuers):
            log.warning(
                "revocation: a CRL for %s is not signed by a known issuer", crl.issuer.rfc4514_string()
            )
            continue
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None:
            return entry.revocation_date_utc
    return None


def _signed_by(crl: x509.CertificateRevocationList, issuer: x509.Certificate) -> bool:
    try:
        return crl.is_signature_valid(issuer.public_key())
    except (TypeError, ValueError):
        return False

"""Enrolment of the certificates a commune really holds, by the people who hold them: a leader
their own signing certificate, the clerk (or an administrator) the commune's organisation
certificate (the seal). Three kinds of key, as signing/keys.py knows them:

- a PKCS#12 file: opened once with its passphrase to check it, kept as the encrypted file it is;
  the passphrase is not stored and is asked again at every signature;
- a USB token through PKCS#11 (the module configured by the administrator, XASO_PKCS11_MODULE):
  the PIN opens the token once, the certificate is read from it and the key is asked to sign a
  random challenge that the certificate must verify; the PIN is not stored;
- an account at a remote signing service (Cloud Signature Consortium API v1): the credentials
  are listed with `credentials/list`, the certificate read with `credentials/info`.

Every enrolment is checked before anything is stored: the certificate is valid today and was
issued by a trusted CA (a root or intermediate installed with `xaso pki trust add`); a refusal
is audited (`signing_credential.enrol_refused`) and nothing is kept.
"""

import json
import secrets
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pkcs11
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12 as crypto_pkcs12
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pkcs11 import exceptions as p11_errors
from pkcs11.util.ec import encode_ecdsa_signature

from xaso.core.audit import audit_record
from xaso.core.errors import USER_ERRORS, InvalidInput
from xaso.core.permissions import require
from xaso.documents.models import SigningCredential
from xaso.documents.permissions import ENROL_SEAL, SIGN
from xaso.documents.signing import keys
from xaso.documents.signing.credentials import (
    credential_create_csc,
    credential_create_pkcs11,
    credential_create_pkcs12,
)
from xaso.documents.signing.selectors import trust_roots_der

MAX_PKCS12_BYTES = 256 * 1024


def enrol_permission(actor, commune, *, seal: bool) -> str:
    """The permission an enrolment needs: the seal is the clerk's (or a leader's, or an
    administrator's); a personal certificate is enrolled by the person who signs with it."""
    permission = ENROL_SEAL if seal else SIGN
    require(actor, permission, commune=commune)
    return permission


@contextmanager
def audited_refusal(*, actor, kind: str, commune=None, province_code: str = "") -> Iterator[None]:
    """A refusal the user caused is written to the audit chain (its own transaction: it must
    survive the error) and raised again for the form."""
    try:
        yield
    except USER_ERRORS as exc:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="signing_credential.enrol_refused",
                commune_code=commune.code if commune is not None else "",
                summary=f"{kind}{' ' + province_code if province_code else ''}: {exc.message}"[:300],
            )
        raise


def certificate_check(cert: x509.Certificate, chain: list[x509.Certificate], *, field: str) -> None:
    """Refuse a certificate that is not valid today or not issued by a trusted CA."""
    now = timezone.now()
    if cert.not_valid_after_utc < now:
        raise InvalidInput(_("This certificate has expired."), field=field, code="expired")
    if cert.not_valid_before_utc > now:
        raise InvalidInput(_("This certificate is not yet valid."), field=field, code="not_yet_valid")
    roots = [x509.load_der_x509_certificate(der) for der in trust_roots_der()]
    if not issued_by_trusted(cert, chain, roots):
        raise InvalidInput(
            _(
                "This certificate was not issued by a trusted certification authority; ask the "
                "administrator to install its root (xaso pki trust add)."
            ),
            field=field,
            code="untrusted",
        )


def issued_by_trusted(
    cert: x509.Certificate, chain: list[x509.Certificate], roots: list[x509.Certificate]
) -> bool:
    """Whether a path of signatures leads from `cert` through `chain` to one of `roots`."""
    pool = chain + roots
    current = cert
    for _step in range(8):
        if current in roots:
            return True
        issuer = next((c for c in pool if c.subject == current.issuer and _issued(current, c)), None)
        if issuer is None or issuer == current:
            return issuer is not None and issuer in roots
        current = issuer
    return False


def _issued(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


# --- a PKCS#12 file ------------------------------------------------------------------------


def is_pkcs12(data: bytes) -> bool:
    """Decide by parsing the structure (RFC 7292 PFX), never by the file's name."""
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native is not None
    except (ValueError, TypeError, KeyError):
        return False


def pkcs12_check(pkcs12: bytes, passphrase: str) -> None:
    """InvalidInput naming the field unless `pkcs12` is a PKCS#12 file within the size bound,
    the passphrase opens it, it holds a key and certificate, and the certificate is valid and
    issued by a trusted CA (`certificate_check`). Every PKCS#12 enrolment calls this."""
    if not pkcs12 or len(pkcs12) > MAX_PKCS12_BYTES or not is_pkcs12(pkcs12):
        raise InvalidInput(_("This file is not a PKCS#12 certificate file (.p12 or .pfx)."), field="pkcs12")
    try:
        _key, cert, extra = crypto_pkcs12.load_key_and_certificates(pkcs12, (passphrase or "").encode())
    except (ValueError, TypeError):
        raise InvalidInput(_("The passphrase does not open this file."), field="passphrase") from None
    if cert is None:
        raise InvalidInput(_("The file holds no signing key and certificate."), field="pkcs12")
    certificate_check(cert, list(extra or []), field="pkcs12")


def credential_enrol_pkcs12(
    *, actor, commune, seal: bool, label: str, position: str = "", pkcs12: bytes, passphrase: str
) -> SigningCredential:
    """Enrol a PKCS#12 file. Rules: the file must be a PKCS#12 file protected by a passphrase
    that opens it; the certificate must be valid and issued by a trusted CA. The file is kept
    as it came, encrypted under its passphrase; the passphrase is not kept."""
    permission = enrol_permission(actor, commune, seal=seal)
    with audited_refusal(actor=actor, commune=commune, kind="pkcs12"):
        pkcs12_check(pkcs12, passphrase)
        return credential_create_pkcs12(
            actor=actor,
            commune=commune,
            holder=None if seal else actor,
            label=label,
            position=position,
            pkcs12=pkcs12,
            passphrase=passphrase,
            permission=permission,
        )


# --- a USB token through PKCS#11 -------------------------------------------------------------


def _module() -> str:
    if not settings.PKCS11_MODULE:
        raise InvalidInput(
            _("The administrator has not configured the module of USB signing tokens."),
            field="token",
            code="no_module",
        )
    return settings.PKCS11_MODULE


def tokens_present() -> list[str]:
    """The labels of the tokens plugged in now (empty when no module is configured or it fails)."""
    if not settings.PKCS11_MODULE:
        return []
    try:
        lib = pkcs11.lib(settings.PKCS11_MODULE)
        return [slot.get_token().label for slot in lib.get_slots(token_present=True)]
    except (p11_errors.PKCS11Error, OSError, RuntimeError):
        return []


def _token_unreachable():
    return InvalidInput(
        _("The token does not answer: check that it is plugged in and that its name is right."),
        field="token",
        code="key_unavailable",
    )


def token_read(*, token_label: str, key_label: str, pin: str) -> tuple[bytes, list[bytes]]:
    """Open the token with the PIN, read the certificate stored under `key_label`, and have the
    private key sign a random challenge the certificate verifies (the PIN is right and the key
    belongs to the certificate). Returns the certificate and the other certificates on the
    token (DER)."""
    module = _module()
    try:
        token = pkcs11.lib(module).get_token(token_label=token_label)
        session = token.open(user_pin=pin or "")
    except (p11_errors.PinIncorrect, p11_errors.PinInvalid, p11_errors.PinLenRange):
        raise InvalidInput(_("The PIN does not open this token."), field="pin", code="wrong_secret") from None
    except (p11_errors.PKCS11Error, OSError, RuntimeError):
        raise _token_unreachable() from None
    try:
        with session:
            certs = [
                bytes(obj[pkcs11.Attribute.VALUE])
                for obj in session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE})
            ]
            labelled = list(
                session.get_objects(
                    {
                        pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                        pkcs11.Attribute.LABEL: key_label,
                    }
                )
            )
            if not labelled:
                raise InvalidInput(_("The token holds no certificate under this name."), field="key_label")
            cert_der = bytes(labelled[0][pkcs11.Attribute.VALUE])
            try:
                key = session.get_key(object_class=pkcs11.ObjectClass.PRIVATE_KEY, label=key_label)
            except (p11_errors.NoSuchKey, p11_errors.MultipleObjectsReturned):
                raise InvalidInput(
                    _("The token holds no single signing key under this name."), field="key_label"
                ) from None
            _challenge(key, x509.load_der_x509_certificate(cert_der))
    except p11_errors.PKCS11Error:
        raise _token_unreachable() from None
    return cert_der, [der for der in certs if der != cert_der]


def _challenge(key, cert: x509.Certificate) -> None:
    challenge = secrets.token_bytes(32)
    public = cert.public_key()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            signature = key.sign(challenge, mechanism=pkcs11.Mechanism.SHA256_RSA_PKCS)
            public.verify(signature, challenge, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            digest = hashes.Hash(hashes.SHA256())
            digest.update(challenge)
            signature = encode_ecdsa_signature(key.sign(digest.finalize(), mechanism=pkcs11.Mechanism.ECDSA))
            public.verify(signature, challenge, ec.ECDSA(hashes.SHA256()))
        else:
            raise InvalidInput(_("This kind of key is not supported."), field="key_label")
    except InvalidSignature:
        raise InvalidInput(
            _("The key on the token does not match its certificate."), field="key_label"
        ) from None


def credential_enrol_token(
    *, actor, commune, seal: bool, label: str, position: str = "", token_label: str, key_label: str, pin: str
) -> SigningCredential:
    """Enrol a key held on a USB token. Rules: the module is the administrator's; the PIN opens
    the token (it is not kept); the certificate is read from the token under the key's name,
    must match the key, be valid and issued by a trusted CA."""
    permission = enrol_permission(actor, commune, seal=seal)
    token_label, key_label = (token_label or "").strip(), (key_label or "").strip()
    with audited_refusal(actor=actor, commune=commune, kind="pkcs11"):
        if not token_label:
            raise InvalidInput(_("Choose the token."), field="token")
        if not key_label:
            raise InvalidInput(_("Enter the name of the key on the token."), field="key_label")
        cert_der, others = token_read(token_label=token_label, key_label=key_label, pin=pin)
        cert = x509.load_der_x509_certificate(cert_der)
        chain = [x509.load_der_x509_certificate(der) for der in others]
        certificate_check(cert, chain, field="key_label")
        # The chain kept beside the credential: the token's certificates that lead to a root.
        roots = {bytes(der) for der in trust_roots_der()}
        chain_pem = b"".join(
            c.public_bytes(serialization.Encoding.PEM)
            for c in chain
            if c.public_bytes(serialization.Encoding.DER) not in roots
        )
        chain_pem += b"".join(
            x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)
            for der in roots
            if x509.load_der_x509_certificate(der).subject == cert.issuer
        )
        return credential_create_pkcs11(
            actor=actor,
            commune=commune,
            holder=None if seal else actor,
            label=label,
            position=position,
            library=_module(),
            token=token_label,
            key_label=key_label,
            certificate_pem=cert.public_bytes(serialization.Encoding.PEM),
            chain_pem=chain_pem,
            permission=permission,
        )


# --- an account at a remote signing service (CSC API v1) -------------------------------------


def _csc_post(service_url: str, endpoint: str, body: dict) -> dict:
    url = service_url.rstrip("/") + "/csc/v1/" + endpoint  # pyHanko's convention: the base URL
    if not url.startswith(("http://", "https://")):
        raise InvalidInput(_("Enter the address of the signing service (https://…)."), field="service_url")
    request = urllib.request.Request(  # noqa: S310 — http(s) only, checked above
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SIGNING_SERVICE_TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.loads(response.read(1024 * 1024) or b"{}")
    except (urllib.error.URLError, OSError, ValueError):
        raise InvalidInput(
            _("The signing service does not answer at this address (or took too long)."),
            field="service_url",
            code="key_unavailable",
        ) from None


def remote_credentials_list(*, service_url: str) -> list[str]:
    """The credential ids the service offers (credentials/list)."""
    answer = _csc_post(service_url, "credentials/list", {"maxResults": 100})
    ids = answer.get("credentialIDs") if isinstance(answer, dict) else None
    if not isinstance(ids, list):
        return []
    return [str(i)[:200] for i in ids if isinstance(i, str | int)]


def credential_enrol_remote(
    *, actor, commune, seal: bool, label: str, position: str = "", service_url: str, credential_id: str
) -> SigningCredential:
    """Enrol an account at a remote signing service. Rules: the credential must be one the
    service lists; its certificate (credentials/info) must be valid and issued by a trusted CA.
    The PIN is asked at each signature (credentials/authorize), never here."""
    permission = enrol_permission(actor, commune, seal=seal)
    service_url, credential_id = (service_url or "").strip(), (credential_id or "").strip()
    with audited_refusal(actor=actor, commune=commune, kind="csc"):
        offered = remote_credentials_list(service_url=service_url)
        if not credential_id and len(offered) == 1:
            credential_id = offered[0]
        if credential_id not in offered:
            raise InvalidInput(
                _("The signing service does not offer this credential; choose one it lists."),
                field="credential_id",
            )
        source = keys.CscSource(
            service_url=service_url,
            credential_id=credential_id,
            timeout=settings.SIGNING_SERVICE_TIMEOUT_SECONDS,
        )
        try:
            cert_der, chain_der = source.certificates()
        except keys.KeyUnavailable:
            raise InvalidInput(
                _("The signing service does not answer at this address (or took too long)."),
                field="service_url",
                code="key_unavailable",
            ) from None
        cert = x509.load_der_x509_certificate(cert_der)
        certificate_check(cert, [x509.load_der_x509_certificate(d) for d in chain_der], field="credential_id")
        return credential_create_csc(
            actor=actor,
            commune=commune,
            holder=None if seal else actor,
            label=label,
            position=position,
            service_url=service_url,
            credential_id=credential_id,
            permission=permission,
        )

"""Enrolling a commune's exchange key (the certificate its envelopes are signed with) from the
PKCS#12 file the provider issued, on the certificates page: the same checks as any enrolment
(a real PKCS#12 file, the passphrase opens it, valid today, issued by a trusted CA; refusals
audited), then `services.agency_key_set` keeps the key encrypted under this installation's
secret. Administrators only (the registry of agencies is theirs)."""

from cryptography.hazmat.primitives.serialization import pkcs12 as crypto_pkcs12
from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput, NotAllowed
from xaso.documents.exchange.services import agency_key_set
from xaso.documents.models import Agency
from xaso.documents.signing.enrolment import MAX_PKCS12_BYTES, audited_refusal, certificate_check, is_pkcs12


def exchange_key_enrol(
    *, actor, commune, code: str, name: str, base_url: str, pkcs12: bytes, passphrase: str
) -> Agency:
    """Install the commune's exchange key from a PKCS#12 file (see the module's rules)."""
    if not getattr(actor, "is_superuser", False):
        raise NotAllowed(_("Only an administrator keeps the registry of agencies."))
    with audited_refusal(actor=actor, commune=commune, kind="exchange"):
        if not pkcs12 or len(pkcs12) > MAX_PKCS12_BYTES or not is_pkcs12(pkcs12):
            raise InvalidInput(
                _("This file is not a PKCS#12 certificate file (.p12 or .pfx)."), field="pkcs12"
            )
        try:
            _key, cert, extra = crypto_pkcs12.load_key_and_certificates(pkcs12, (passphrase or "").encode())
        except (ValueError, TypeError):
            raise InvalidInput(_("The passphrase does not open this file."), field="passphrase") from None
        if cert is None:
            raise InvalidInput(_("The file holds no signing key and certificate."), field="pkcs12")
        certificate_check(cert, list(extra or []), field="pkcs12")
        return agency_key_set(
            actor=actor,
            commune=commune,
            code=code,
            name=name,
            base_url=base_url,
            pkcs12=pkcs12,
            passphrase=passphrase,
        )

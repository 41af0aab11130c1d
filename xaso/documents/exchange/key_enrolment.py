"""Enrolling a commune's exchange key (the certificate its envelopes are signed with) from the
PKCS#12 file the provider issued, on the certificates page: the same checks as any enrolment
(a real PKCS#12 file, the passphrase opens it, valid today, issued by a trusted CA; refusals
audited), then `services.agency_key_set` keeps the key encrypted under this installation's
secret. Administrators only (the registry of agencies is theirs)."""

from django.utils.translation import gettext as _

from xaso.core.errors import NotAllowed
from xaso.documents.exchange.services import agency_key_set
from xaso.documents.models import Agency
from xaso.documents.signing.enrolment import audited_refusal, pkcs12_check


def exchange_key_enrol(
    *, actor, commune, code: str, name: str, base_url: str, pkcs12: bytes, passphrase: str
) -> Agency:
    """Install the commune's exchange key from a PKCS#12 file (see the module's rules)."""
    if not getattr(actor, "is_superuser", False):
        raise NotAllowed(_("Only an administrator keeps the registry of agencies."))
    with audited_refusal(actor=actor, commune=commune, kind="exchange"):
        pkcs12_check(pkcs12, passphrase)
        return agency_key_set(
            actor=actor,
            commune=commune,
            code=code,
            name=name,
            base_url=base_url,
            pkcs12=pkcs12,
            passphrase=passphrase,
        )

"""The province supervisor enrols the certificate the province signs its recognition decisions
with (a PKCS#12 file), with the checks of every enrolment (documents.signing.enrolment): a real
PKCS#12 file, the passphrase opens it (and is not kept), valid today, issued by a trusted CA;
a refusal is audited and nothing is kept."""

from cryptography.hazmat.primitives.serialization import pkcs12 as crypto_pkcs12
from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput
from xaso.core.permissions import require
from xaso.documents.signing.enrolment import MAX_PKCS12_BYTES, audited_refusal, certificate_check, is_pkcs12
from xaso.dx.models import DecisionCredential
from xaso.dx.permissions import REVIEW
from xaso.dx.services.decisions import decision_credential_add


def decision_credential_enrol(
    *, actor, province, label: str, position: str = "", pkcs12: bytes, passphrase: str
) -> DecisionCredential:
    """Enrol the actor's decision certificate for `province` (see the module's rules)."""
    require(
        actor, REVIEW, province_code=province.code, message=_("Only the province's supervisors may do this.")
    )
    with audited_refusal(actor=actor, kind="decision", province_code=province.code):
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
        return decision_credential_add(
            actor=actor,
            province=province,
            pkcs12=pkcs12,
            passphrase=passphrase,
            label=label,
            position=position,
            holder=actor,
        )

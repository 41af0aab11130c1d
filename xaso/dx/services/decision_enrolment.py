"""The province supervisor enrols the certificate the province signs its recognition decisions
with (a PKCS#12 file), with the checks of every enrolment (documents.signing.enrolment): a real
PKCS#12 file, the passphrase opens it (and is not kept), valid today, issued by a trusted CA;
a refusal is audited and nothing is kept."""

from django.utils.translation import gettext as _

from xaso.core.permissions import require
from xaso.documents.signing.enrolment import audited_refusal, pkcs12_check
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
        pkcs12_check(pkcs12, passphrase)
        return decision_credential_add(
            actor=actor,
            province=province,
            pkcs12=pkcs12,
            passphrase=passphrase,
            label=label,
            position=position,
            holder=actor,
        )

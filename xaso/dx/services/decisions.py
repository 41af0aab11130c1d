"""The recognition decision as a PDF: rendered after the decision is committed, then signed by a
supervisor of the province with a decision certificate through the documents app's signing
(PAdES, visible block), so that it verifies on the public verification page and in `pdfsig`."""

import base64
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12 as crypto_pkcs12
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.demo import DEMO_COMMUNE_CODE
from xaso.accounts.models import User
from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.permissions import require
from xaso.documents.demo import DEMO_PASSPHRASE, pki_demo_load
from xaso.documents.signing import keys, pades, pki, secret_tries
from xaso.documents.signing.pki import TEST_MARK
from xaso.dx.models import DECIDED, Assessment, DecisionCredential
from xaso.dx.pdf import decision_pdf_with_anchor
from xaso.dx.permissions import ASSESSMENT_REFUSED, REVIEW
from xaso.dx.selectors import decision_credentials_for
from xaso.places.models import Commune


def decision_pdf_store(*, assessment_id: int) -> None:
    """Render and store the decision PDF (called by the task after the decision committed). A
    decision already signed is left alone: its signed PDF is the decision."""
    assessment = Assessment.objects.select_related("commune__province", "indicator_set", "level").get(
        pk=assessment_id
    )
    if assessment.decision_signed_at:
        return
    data, _anchor = decision_pdf_with_anchor(assessment)
    with transaction.atomic():
        assessment.decision_pdf.save(f"quyet-dinh-{assessment.pk}.pdf", ContentFile(data), save=False)
        Assessment.objects.filter(pk=assessment.pk, decision_signed_at__isnull=True).update(
            decision_pdf=assessment.decision_pdf.name
        )


# --- the province's certificates --------------------------------------------------------------


def _subject_value(cert: x509.Certificate, oid) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def decision_credential_add(
    *, actor, province, pkcs12: bytes, passphrase: str, label: str, position: str = "", holder=None
) -> DecisionCredential:
    """Keep a PKCS#12 file to sign the province's recognition decisions with. Rules: supervisors
    of the province; the file must be protected by a passphrase and the given one must open it
    (it is not kept); it must hold a key and its certificate."""
    require(
        actor, REVIEW, province_code=province.code, message=_("Only the province's supervisors may do this.")
    )
    label = " ".join((label or "").split())
    if not label:
        raise InvalidInput(_("Give the certificate a name."), field="label")
    try:
        crypto_pkcs12.load_key_and_certificates(pkcs12, None)
    except (ValueError, TypeError):
        pass
    else:
        raise InvalidInput(
            _("This PKCS#12 file is not protected by a passphrase; export it again with one."), field="pkcs12"
        )
    try:
        key, cert, extra = crypto_pkcs12.load_key_and_certificates(pkcs12, (passphrase or "").encode())
    except (ValueError, TypeError):
        raise InvalidInput(_("The passphrase does not open this file."), field="passphrase") from None
    if key is None or cert is None:
        raise InvalidInput(_("The file holds no signing key and certificate."), field="pkcs12")
    chain = [base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode() for c in extra or []]
    with transaction.atomic():
        credential = DecisionCredential.objects.create(
            province=province,
            holder=holder,
            label=label[:200],
            position=" ".join((position or "").split())[:200],
            organisation=_subject_value(cert, x509.NameOID.ORGANIZATION_NAME)[:200],
            subject=cert.subject.rfc4514_string()[:500],
            certificate_der=cert.public_bytes(serialization.Encoding.DER),
            chain_der=chain,
            pkcs12=pkcs12,
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            is_test=TEST_MARK in _subject_value(cert, x509.NameOID.ORGANIZATIONAL_UNIT_NAME),
        )
        audit_record(
            actor=actor,
            action="decision_credential.create",
            target=credential,
            summary=label,
            changes={"province": province.code, "subject": credential.subject},
        )
    return credential


# --- signing ----------------------------------------------------------------------------------


def decision_sign(
    *, actor, assessment: Assessment, credential: DecisionCredential, secret: str
) -> Assessment:
    """Sign the recognition decision with a province certificate. Rules: supervisors of the
    commune's province; the assessment is decided and not signed yet; the certificate is the
    province's (its seal or the actor's own), not revoked, valid today; the passphrase opens it.
    The decision is rendered again with its signature box and signed in one go (PAdES, the
    documents app's signing; a time-stamp when a TSA is configured)."""
    require(actor, REVIEW, commune=assessment.commune, message=ASSESSMENT_REFUSED)
    if assessment.status not in DECIDED:
        raise Conflict(_("Decide on the assessment before signing the decision."), code="not_decided")
    if assessment.decision_signed_at:
        raise Conflict(_("This decision is already signed."), code="already_signed")
    province_code = assessment.commune.province_id
    if not decision_credentials_for(actor, province_code).filter(pk=credential.pk).exists():
        raise NotAllowed(_("You cannot sign with this certificate."))
    now = timezone.now()
    if not (credential.not_before <= now <= credential.not_after):
        raise Conflict(_("This certificate has expired or is not yet valid."), code="expired")
    secret_tries.secret_tries_check(actor=actor, credential=credential)
    pdf, anchor = decision_pdf_with_anchor(assessment)
    label = pades.SignerLabel(
        name=credential.holder.full_name if credential.holder else credential.label,
        position=credential.position,
        organisation=credential.organisation,
        is_test=credential.is_test,
    )
    source = keys.Pkcs12Source(bytes(credential.pkcs12), [base64.b64decode(c) for c in credential.chain_der])
    try:
        signed = pades.pdf_sign(
            pdf,
            source=source,
            secret=secret,
            label=label,
            at=now,
            anchor=anchor,
            reason=f"Quyết định công nhận {assessment.decision_number}".strip(),
            location=assessment.commune.province.name,
            tsa_url=settings.TSA_URL,
        )
    except keys.WrongSecret:
        secret_tries.secret_wrong(actor=actor, credential=credential)
        raise InvalidInput(
            _("The passphrase or PIN is not correct."), field="secret", code="wrong_secret"
        ) from None
    secret_tries.secret_right(actor=actor, credential=credential)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.decision_signed_at:
            raise Conflict(_("This decision is already signed."), code="already_signed")
        locked.decision_pdf.save(f"quyet-dinh-{locked.pk}-ky-so.pdf", ContentFile(signed), save=False)
        locked.decision_signed_at = now
        locked.decision_signer = label.name[:200]
        locked.save(update_fields=["decision_pdf", "decision_signed_at", "decision_signer"])
        audit_record(
            actor=actor,
            action="assessment.decision_sign",
            target=locked,
            commune_code=locked.commune_id,
            summary=locked.decision_number or str(locked.pk),
            changes={"credential": credential.pk, "subject": credential.subject},
        )
    return locked


# --- the demo ---------------------------------------------------------------------------------
DEMO_SUPERVISOR = "sotinh"


def decision_credential_demo_load() -> DecisionCredential:
    """What `xaso pki demo` leaves out for the province: after it (the demo CA, trusted, and the
    commune's certificates), a TEST certificate for the demo province supervisor to sign
    recognition decisions with, under the same published passphrase. Idempotent."""
    pki_demo_load()
    supervisor = User.objects.get(username=DEMO_SUPERVISOR)
    province = Commune.objects.select_related("province").get(code=DEMO_COMMUNE_CODE).province
    existing = DecisionCredential.objects.filter(
        province=province, holder=supervisor, revoked_at__isnull=True
    ).first()
    if existing:
        return existing
    directory = Path(settings.VAR_DIR) / "pki" / "demo"  # where `pki demo` keeps its CA
    ca = pki.Issued(
        serialization.load_pem_private_key((directory / "ca-key.pem").read_bytes(), password=None),
        x509.load_pem_x509_certificate((directory / "ca.pem").read_bytes()),
    )
    position = "Trưởng Ban Chỉ đạo chuyển đổi số tỉnh"
    organisation = f"UBND {province.name}"
    issued = pki.cert_issue(ca, common_name=supervisor.full_name, organisation=organisation, title=position)
    return decision_credential_add(
        actor=supervisor,
        province=province,
        holder=supervisor,
        label=f"Chữ ký số {supervisor.full_name}",
        position=position,
        pkcs12=pki.pkcs12_bytes(issued, ca, DEMO_PASSPHRASE),
        passphrase=DEMO_PASSPHRASE,
    )

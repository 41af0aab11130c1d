"""Writes of signatures: sign PDF bytes with a credential after the checks every signature
needs (`pdf_sign_with`), and sign a result kept under a public verification code
(`signed_result_create`, what the registry, meetings, onestop and dx call)."""

import base64
import hashlib
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.pdf import Anchor, html_to_pdf_with_anchors
from xaso.core.qr import qr_png_data_uri
from xaso.core.text import fold_all
from xaso.documents.models import SignedDocument, SigningCredential
from xaso.documents.signing import keys, ocsp, pades, revocation, secret_tries
from xaso.documents.signing.credentials import key_source
from xaso.documents.signing.selectors import credentials_usable_by, trust_roots_der
from xaso.documents.signing.verification import pdf_reader

SIGNATURE_ANCHOR = "xaso-signature"
# Crockford's base32 without look-alikes: read aloud over the phone, typed from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def verification_code_new() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("documents:verify_code", args=[code])


# --- signing -------------------------------------------------------------------------------


def _refuse(*, actor, commune, credential, reason: str, error):
    """Record why a signature was refused (in its own transaction: it must survive the error)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="document.sign_refused",
            target=credential,
            commune_code=commune.code,
            summary=reason,
        )
    raise error


def _check_credential(*, actor, commune, credential: SigningCredential) -> None:
    if credential.commune_id != commune.code:
        raise NotAllowed(_("This certificate belongs to another commune."))
    if not credentials_usable_by(actor, commune).filter(pk=credential.pk).exists():
        if credential.revoked_at is not None:
            _refuse(
                actor=actor,
                commune=commune,
                credential=credential,
                reason="revoked",
                error=Conflict(
                    _("This certificate has been revoked and can no longer sign."), code="revoked"
                ),
            )
        raise NotAllowed(_("You cannot sign with this certificate."))
    now = timezone.now()
    if not (credential.not_before <= now <= credential.not_after):
        _refuse(
            actor=actor,
            commune=commune,
            credential=credential,
            reason="expired",
            error=Conflict(_("This certificate has expired or is not yet valid."), code="expired"),
        )
    issuers = [base64.b64decode(c) for c in credential.chain_der] + trust_roots_der()
    if revocation.revoked_at(bytes(credential.certificate_der), issuers) is not None:
        _refuse(
            actor=actor,
            commune=commune,
            credential=credential,
            reason="revoked by its certification authority (CRL)",
            error=Conflict(
                _("This certificate has been revoked by its certification authority and can no longer sign."),
                code="revoked",
            ),
        )
    answer = ocsp.ocsp_status(bytes(credential.certificate_der), issuers)
    if answer.status == ocsp.REVOKED:
        _refuse(
            actor=actor,
            commune=commune,
            credential=credential,
            reason=f"revoked by its certification authority (OCSP {answer.responder})"[:300],
            error=Conflict(
                _("This certificate has been revoked by its certification authority and can no longer sign."),
                code="revoked",
            ),
        )
    if answer.status in (ocsp.UNREACHABLE, ocsp.UNKNOWN):
        # Soft fail (signing/ocsp.py): the signature goes ahead, the unknown is on record.
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="document.ocsp_unreachable",
                target=credential,
                commune_code=commune.code,
                summary=f"{answer.status} {answer.responder}"[:300],
            )


def pdf_sign_with(
    *,
    actor,
    commune,
    credential: SigningCredential,
    secret: str,
    pdf: bytes,
    anchor: Anchor | None,
    reason: str,
    verification_url: str = "",
    code: str = "",
    headline: str = "",
) -> bytes:
    """Sign PDF bytes with a credential after the checks every signature needs: the actor may
    use the credential, it is neither revoked nor expired, the secret opens the key (with a
    back-off after wrong tries: secret_tries). A refusal for a wrong secret, a revoked or an
    expired certificate is written to the audit chain."""
    _check_credential(actor=actor, commune=commune, credential=credential)
    secret_tries.secret_tries_check(actor=actor, credential=credential)
    label = pades.SignerLabel(
        name=credential.holder.full_name if credential.holder else credential.label,
        position=credential.position,
        organisation=credential.organisation,
        is_test=credential.is_test,
        qr_data_uri=qr_png_data_uri(verification_url, border=1) if verification_url else "",
        code=code,
        headline=headline,
    )
    try:
        signed = pades.pdf_sign(
            pdf,
            source=key_source(credential),
            secret=secret,
            label=label,
            at=timezone.now(),
            anchor=anchor,
            reason=reason,
            location=commune.name,
            tsa_url=settings.TSA_URL,
        )
    except keys.WrongSecret:
        secret_tries.secret_wrong(actor=actor, credential=credential)
        _refuse(
            actor=actor,
            commune=commune,
            credential=credential,
            reason="wrong secret",
            error=InvalidInput(
                _("The passphrase or PIN is not correct."), field="secret", code="wrong_secret"
            ),
        )
    except keys.KeyUnavailable as exc:
        _refuse(
            actor=actor,
            commune=commune,
            credential=credential,
            reason=f"key unavailable: {exc}"[:300],
            error=Conflict(
                _("The signing key cannot be reached (token unplugged or service down)."),
                code="key_unavailable",
            ),
        )
    secret_tries.secret_right(actor=actor, credential=credential)
    return signed


def signed_result_create(
    *,
    actor,
    commune,
    title: str,
    html_or_pdf: str | bytes,
    credential: SigningCredential,
    secret: str,
    kind: str = "result",
    reason: str = "",
    subject_type: str = "",
    subject_id: str = "",
    search_extra: str = "",
) -> SignedDocument:
    """Sign a result (HTML to render, or PDF bytes) and keep it under a public verification
    code whose QR is drawn in the visible signature block. Rules: see `pdf_sign_with`; HTML
    may reserve the block's place with an element id="xaso-signature"; the PDF must be
    readable, unencrypted and within the size limit. Returns the record (`.code`, `.file`)."""
    title = " ".join((title or "").split())
    if not title:
        raise InvalidInput(_("Enter the document title."), field="title")
    anchor = None
    if isinstance(html_or_pdf, str):
        pdf, anchors = html_to_pdf_with_anchors(html_or_pdf)
        anchor = anchors.get(SIGNATURE_ANCHOR)
    else:
        pdf = bytes(html_or_pdf)
        pdf_reader(pdf, settings.DOCUMENTS_MAX_PDF_BYTES)
    code = verification_code_new()
    url = verification_url(code)
    signed = pdf_sign_with(
        actor=actor,
        commune=commune,
        credential=credential,
        secret=secret,
        pdf=pdf,
        anchor=anchor,
        reason=reason or title,
        verification_url=url,
        code=code,
    )
    digest = hashlib.sha256(signed).hexdigest()
    signer_name = credential.holder.full_name if credential.holder else credential.label
    doc = SignedDocument(
        commune=commune,
        code=code,
        title=title[:300],
        kind=kind[:40],
        sha256=digest,
        size=len(signed),
        signed_by=actor,
        credential=credential,
        signer_name=signer_name[:200],
        signed_at=timezone.now(),
        is_test=credential.is_test,
        subject_type=subject_type[:80],
        subject_id=str(subject_id)[:80],
        search_text=fold_all(title, code, signer_name, search_extra),
    )
    doc.file.save(f"{code}.pdf", ContentFile(signed), save=False)
    try:
        with transaction.atomic():
            doc.save()
            audit_record(
                actor=actor,
                action="document.sign",
                target=doc,
                commune_code=commune.code,
                summary=title,
                changes={"code": code, "sha256": digest, "credential": credential.pk, "kind": kind},
            )
    except Exception:
        # Nothing half-written: the file goes with the row that would have pointed at it.
        doc.file.delete(save=False)
        raise
    return doc

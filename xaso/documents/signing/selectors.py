"""Reads of digital signatures: trust roots, what a PDF's signatures prove, signed documents
by code or subject, the credentials an actor may sign with."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from xaso.core.errors import NotFound
from xaso.core.permissions import holds
from xaso.documents.models import SignedDocument, SigningCredential, TrustRoot
from xaso.documents.permissions import REGISTER, SIGN, VIEW
from xaso.documents.signing import ocsp, revocation
from xaso.documents.signing.verification import VerificationReport, pdf_verify


def trust_roots_der() -> list[bytes]:
    return [bytes(der) for der in TrustRoot.objects.values_list("certificate_der", flat=True)]


def verification_report(actor, pdf: bytes) -> VerificationReport:
    """What the signatures of `pdf` prove. Public: anyone may ask, about any PDF."""
    return pdf_verify(
        pdf,
        trust_roots=trust_roots_der(),
        max_bytes=settings.DOCUMENTS_MAX_PDF_BYTES,
        crls=revocation.crls_der(),
        ocsp_status=ocsp.ocsp_status,
    )


def signed_document_by_code(actor, code: str) -> SignedDocument:
    """The public record behind a verification code (the QR on the paper). Public by design:
    the code is unguessable and printed only on the document it describes."""
    normalised = (code or "").strip().upper()
    doc = SignedDocument.objects.select_related("commune").filter(code=normalised).first()
    if doc is None:
        raise NotFound(_("No signed document has this verification code."))
    return doc


def signed_documents_for(actor, *, subject_type: str = "", subject_id: str = ""):
    """Signed documents of the communes the actor may view; optionally those of one subject."""
    qs = SignedDocument.objects.for_actor(actor, VIEW).select_related("commune")
    if subject_type:
        qs = qs.filter(subject_type=subject_type, subject_id=str(subject_id))
    return qs


def credentials_usable_by(actor, commune):
    """The credentials `actor` may sign with in `commune`: their own personal certificates when
    they hold the signing permission there, and the commune's seal when they sign or keep the
    register (the clerk applies the seal when issuing)."""
    qs = SigningCredential.objects.filter(commune=commune, revoked_at__isnull=True)
    if not getattr(actor, "is_authenticated", False):
        return qs.none()
    signs, registers = holds(actor, SIGN, commune=commune), holds(actor, REGISTER, commune=commune)
    if signs:
        return qs.filter(Q(holder__isnull=True) | Q(holder=actor))
    if registers:
        return qs.filter(holder__isnull=True)
    return qs.none()


# --- figures for other apps' reports (aggregates, no actor) ---------------------------------


def signed_subject_ids(subject_type: str):
    """The ids (as text) of the things of `subject_type` that a signed document is linked to, as
    a subquery: the one-stop shop counts its digitally signed results with it."""
    return SignedDocument.objects.filter(subject_type=subject_type).values("subject_id")

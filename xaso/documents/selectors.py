"""Reads of the documents app, scoped to the actor."""

from django.utils.translation import gettext as _

from xaso.core.errors import NotFound
from xaso.documents import conf
from xaso.documents.models import SignedDocument, SigningCredential, TrustRoot
from xaso.documents.verification import VerificationReport, pdf_verify

VIEW = "documents.view"
SIGN = "documents.sign"


def trust_roots_der() -> list[bytes]:
    return [bytes(der) for der in TrustRoot.objects.values_list("certificate_der", flat=True)]


def verification_report(actor, pdf: bytes) -> VerificationReport:
    """What the signatures of `pdf` prove. Public: anyone may ask, about any PDF."""
    return pdf_verify(pdf, trust_roots=trust_roots_der(), max_bytes=conf.MAX_PDF_BYTES)


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
    """The credentials `actor` may sign with in `commune`: their own personal certificates,
    and the commune's seal when they hold the signing permission there."""
    scope = actor.scope_for(SIGN) if getattr(actor, "is_authenticated", False) else None
    qs = SigningCredential.objects.filter(commune=commune, revoked_at__isnull=True)
    if scope is None or not scope.reaches(commune_code=commune.code, province_code=commune.province_id):
        return qs.none()
    return qs.filter(holder__isnull=True) | qs.filter(holder=actor)

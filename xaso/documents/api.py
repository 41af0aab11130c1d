"""POST /api/v1/verify: the signatures of an uploaded PDF, in plain words. Public."""

from django.conf import settings
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from xaso.core.ratelimit import VERIFY_UPLOAD, limit_request
from xaso.documents.signing import selectors
from xaso.documents.signing.verification import pdf_size_check

router = Router(tags=["documents"])


class SignatureOut(Schema):
    field_name: str
    signer: str
    organisation: str
    position: str
    signed_at: str | None
    time_certified: bool
    intact: bool
    unchanged: bool
    trusted: bool
    valid_at_signing: bool
    is_test: bool
    revoked: bool
    ok: bool
    is_organisation: bool  # the agency's seal (organisation certificate), not a person's
    serial: str
    issuer: str
    problems: list[str]


class VerifyOut(Schema):
    ok: bool
    summary: str
    signatures: list[SignatureOut]


@router.post("", response=VerifyOut, auth=None, summary="Verify the signatures of a PDF")
def verify(request, file: File[UploadedFile]):
    limit_request(request, VERIFY_UPLOAD)
    pdf_size_check(file.size, settings.DOCUMENTS_MAX_PDF_BYTES)
    report = selectors.verification_report(request.user, file.read())
    return {
        "ok": report.ok,
        "summary": report.summary,
        "signatures": [sig.as_dict() for sig in report.signatures],
    }

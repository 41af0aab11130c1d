"""Pages of the documents app. Verification is public: anyone holding a document can check it."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from xaso.core.errors import USER_ERRORS
from xaso.core.middleware import personal_data
from xaso.core.ratelimit import VERIFY_UPLOAD, limit_request
from xaso.core.uploads import file_response
from xaso.documents.forms import VerifyForm
from xaso.documents.signing import selectors
from xaso.documents.signing.subjects import subject_file_url
from xaso.documents.signing.verification import pdf_size_check


@require_http_methods(["GET", "POST"])
def verify(request):
    limit_request(request, VERIFY_UPLOAD, methods=("POST",))
    form = VerifyForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            pdf_size_check(upload.size, settings.DOCUMENTS_MAX_PDF_BYTES)
            report = selectors.verification_report(request.user, upload.read())
        except USER_ERRORS as exc:
            form.add_error("file", str(exc.message))
    return render(
        request,
        "documents/verify.html",
        {"form": form, "report": report},
        status=422 if form.errors else 200,
    )


@personal_data
def verify_code(request, code: str):
    doc = selectors.signed_document_by_code(request.user, code)
    with doc.file.open("rb") as fh:
        report = selectors.verification_report(request.user, fh.read())
    return render(request, "documents/verify_code.html", {"doc": doc, "report": report})


@personal_data
def download(request, code: str):
    doc = selectors.signed_document_by_code(request.user, code)
    # A document about another app's subject (a dossier's result) is served by that app.
    owner_url = subject_file_url(doc)
    if owner_url is not None:
        return redirect(owner_url)
    return file_response(doc.file, content_type="application/pdf", filename=f"{doc.code}.pdf", download=True)

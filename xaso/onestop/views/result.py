"""A dossier's signed result: the leader signs it from the dossier's page; its citizen and the
officers who process it download it (the verification code's download on the public record
sends here too, see `results.result_file_url`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from xaso.core.uploads import file_response
from xaso.onestop import selectors as sel
from xaso.onestop.results import dossier_result_sign, signed_result_of
from xaso.onestop.services.reading import dossier_view_record


@login_required
@require_POST
def dossier_sign(request, code: str):
    """The leader signs the approved result: one click plus the passphrase or PIN."""
    found = sel.dossier_for(request.user, code)
    try:
        signed = dossier_result_sign(
            actor=request.user,
            dossier=found,
            credential_id=request.POST.get("credential"),
            secret=request.POST.get("secret", ""),
        )
    except (Conflict, InvalidInput) as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request, _("The result is signed. Verification code: %(code)s.") % {"code": signed.code}
        )
    return redirect("onestop:dossier", code=found.code)


@login_required
def result_pdf(request, code: str):
    """The signed result PDF. Rules: whoever may read the dossier (`dossier_for`) and sees its
    personal numbers in full (its citizen, the commune's staff who process it): the signed
    paper cannot be masked, so a supervisor or a clerk, who reads the dossier masked, does not
    get it; a staff download is recorded as a reading of the dossier (`dossier_view_record`)."""
    found = sel.dossier_for(request.user, code)
    if not sel.sees_full_numbers(request.user, found):
        raise NotAllowed(
            _("A dossier's signed result is open only to its citizen and the officers who process it.")
        )
    signed = signed_result_of(found)
    if signed is None:
        raise NotFound(_("This dossier has no signed result."))
    dossier_view_record(actor=request.user, dossier=found)
    # Signed in, so core's PrivacyHeadersMiddleware marks it `private, no-store`.
    return file_response(
        signed.file, content_type="application/pdf", filename=f"ket-qua-{found.code}.pdf", download=True
    )

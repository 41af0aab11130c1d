"""A dossier's signed result, downloaded from its page (the verification code's download on
the public record sends here too, see `results.result_file_url`)."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from xaso.core.errors import NotAllowed, NotFound
from xaso.core.uploads import file_response
from xaso.onestop import selectors as sel
from xaso.onestop import services
from xaso.onestop.results import signed_result_of


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
    services.dossier_view_record(actor=request.user, dossier=found)
    # Signed in, so core's PrivacyHeadersMiddleware marks it `private, no-store`.
    return file_response(
        signed.file, content_type="application/pdf", filename=f"ket-qua-{found.code}.pdf", download=True
    )

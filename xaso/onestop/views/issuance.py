"""The clerk (văn thư) issues signed results with the commune's seal: the list of results
waiting to be issued, and the issuance itself from the dossier's page (the seal's PIN or
passphrase asked each time). The rules live in xaso.onestop.issuance and the engine."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaso.core.bounds import page_number
from xaso.core.errors import Conflict, InvalidInput, RateLimited
from xaso.onestop import selectors as sel
from xaso.onestop.issuance import dossier_result_issue, results_to_issue_for
from xaso.onestop.views import PAGE_SIZE
from xaso.onestop.workflow import ISSUE
from xaso.places.selectors import commune_of

CLERKS_ONLY = gettext_lazy("This page is for the commune's clerk, who issues results with its seal.")


@login_required
def results_to_issue(request):
    """Signed results waiting for the clerk's seal, oldest due first."""
    commune = commune_of(request.user, ISSUE, message=CLERKS_ONLY)
    page = Paginator(results_to_issue_for(request.user), PAGE_SIZE).get_page(
        page_number(request.GET.get("page"))
    )
    return render(request, "onestop/results_to_issue.html", {"commune": commune, "page": page})


@login_required
@require_POST
def dossier_issue(request, code: str):
    """The clerk issues the signed result: one click plus the seal's PIN or passphrase."""
    found = sel.dossier_for(request.user, code)
    try:
        dossier_result_issue(actor=request.user, dossier=found, secret=request.POST.get("secret", ""))
    except (Conflict, InvalidInput, RateLimited) as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The result is issued with the commune's seal."))
    return redirect("onestop:dossier", code=found.code)

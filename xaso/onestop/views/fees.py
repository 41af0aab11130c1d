"""The dossier's fee on its pages: the dynamic VietQR to pay by transfer, and the cashier's
card (cash paid at the desk, its receipt)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from xaso.core.errors import NotFound
from xaso.core.permissions import holds
from xaso.core.qr import qr_png
from xaso.onestop import selectors as sel
from xaso.onestop.fees import fee_summary
from xaso.payments.forms import CashPaymentForm
from xaso.payments.selectors import payment_requests_for
from xaso.payments.services import RECONCILE


def fee_context(user, dossier) -> dict:
    """The fee card: the cashier of the commune may record cash paid at the desk while it is
    payable; a fee paid in cash links to its receipt for whoever may see the request."""
    fee = fee_summary(dossier)
    request = fee["request"]
    takes_cash = fee["payable"] and holds(user, RECONCILE, commune=dossier.commune)
    return {
        "fee": fee,
        "cash_form": CashPaymentForm(initial={"amount": request.outstanding}) if takes_cash else None,
        "cash_receipt": fee["cash"] and payment_requests_for(user).filter(pk=request.pk).exists(),
    }


@login_required
def fee_qr(request, code: str):
    """The dossier's fee as a dynamic VietQR image (amount and note), while it is payable."""
    fee = fee_summary(sel.dossier_for(request.user, code))
    if not fee["payable"]:
        raise NotFound(_("This dossier has no fee to pay."))
    return HttpResponse(qr_png(fee["request"].payload), content_type="image/png")

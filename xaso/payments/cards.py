from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.core.dashboard import Card, Figure, register_card
from xaso.payments.models import RequestStatus
from xaso.payments.selectors import cashier_figures


def payment_figures(user) -> list[Figure]:
    """Fees waiting to be paid and bank statement lines no request matched by itself."""
    counts = cashier_figures(user)
    cashier = reverse("payments:cashier")
    return [
        Figure(_("awaiting payment"), counts["open"], f"{cashier}?status={RequestStatus.OPEN}"),
        Figure(_("partly paid"), counts["partial"], f"{cashier}?status={RequestStatus.PARTIAL}", "due"),
        Figure(_("statement lines to check"), counts["review"], f"{cashier}#review", "due"),
    ]


register_card(
    Card(
        title=_("Cashier: QR payments"),
        url_name="payments:cashier",
        description=_("Payment requests with VietQR codes, bank statement import and reconciliation."),
        roles=frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER}),
        figures=payment_figures,
    )
)

from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.core.dashboard import Card, register_card

register_card(
    Card(
        title=_("Cashier: QR payments"),
        url_name="payments:cashier",
        description=_("Payment requests with VietQR codes, bank statement import and reconciliation."),
        roles=frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER}),
    )
)

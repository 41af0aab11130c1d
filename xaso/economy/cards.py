from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.core.dashboard import Card, register_card

register_card(
    Card(
        title=_("Digital economy"),
        url_name="economy:home",
        description=_(
            "Cashless payment points, producers and OCOP products, batches and traceability stamps."
        ),
        roles=frozenset({Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.COMMUNE_LEADER}),
    )
)

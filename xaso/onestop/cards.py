from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.core.dashboard import Card, register_card

register_card(
    Card(
        title=_("Dossier queue"),
        url_name="onestop:queue",
        description=_("Dossiers to receive, assign, process, approve and hand back, with their deadlines."),
        roles=frozenset({Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.COMMUNE_LEADER}),
    )
)
register_card(
    Card(
        title=_("Receive at the counter"),
        url_name="onestop:intake",
        description=_("File a dossier on a citizen's behalf and hand over the receipt."),
        roles=frozenset({Role.ONE_STOP_OFFICER}),
    )
)
register_card(
    Card(
        title=_("One-stop reports"),
        url_name="onestop:reports",
        description=_("Received, online and on-time shares, late dossiers, ratings; Excel export."),
        roles=frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER, Role.PROVINCE_SUPERVISOR}),
    )
)

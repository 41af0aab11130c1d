from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.core.dashboard import Card, register_card

register_card(
    Card(
        title=_("Official documents"),
        url_name="documents:registry",
        description=_("Incoming and outgoing documents: register, assign, sign, issue, search."),
        roles=frozenset({Role.CLERK, Role.COMMUNE_LEADER, Role.SPECIALIST, Role.ONE_STOP_OFFICER}),
    )
)

register_card(
    Card(
        title=_("Meetings"),
        url_name="documents:meetings",
        description=_("Paperless meetings: agenda, documents, invitations with one QR code, signed minutes."),
        roles=frozenset({Role.CLERK, Role.COMMUNE_LEADER, Role.SPECIALIST, Role.ONE_STOP_OFFICER}),
    )
)

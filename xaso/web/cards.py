from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.core.dashboard import Card, register_card

register_card(
    Card(
        title=_("Villages"),
        url_name="web:villages",
        description=_("Keep the list of the commune's villages and residential groups."),
        roles=frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER, Role.CLERK}),
    )
)
register_card(
    Card(
        title=_("Administration"),
        url_name="admin:index",
        description=_("Accounts, roles and the procedure catalogue."),
        roles=frozenset({Role.SYSTEM_ADMIN}),
    )
)

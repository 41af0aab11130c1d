from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.accounts.selectors import account_figures
from xaso.core.dashboard import Card, Figure, register_card


def admin_figures(user) -> list[Figure]:
    """The accounts the administrator keeps: active, and switched off."""
    counts = account_figures(user)
    users = reverse("admin:accounts_user_changelist")
    return [
        Figure(_("active accounts"), counts["active"], f"{users}?is_active__exact=1"),
        Figure(_("accounts switched off"), counts["inactive"], f"{users}?is_active__exact=0"),
    ]


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
        figures=admin_figures,
    )
)

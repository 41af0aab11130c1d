from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import roles_with
from xaso.community.permissions import VIEW_HOUSEHOLDS
from xaso.core.dashboard import Card, register_card

register_card(
    Card(
        title=_("Households"),
        url_name="community:households",
        description=_("The household list of each village: import, export, contacts and consent."),
        roles=roles_with(VIEW_HOUSEHOLDS),
    )
)

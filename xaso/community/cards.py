from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import roles_with
from xaso.community.permissions import HANDLE_FEEDBACK, MANAGE_INFO_PAGES, MANAGE_RADIO, VIEW_HOUSEHOLDS
from xaso.core.dashboard import Card, register_card

register_card(
    Card(
        title=_("Households"),
        url_name="community:households",
        description=_("The household list of each village: import, export, contacts and consent."),
        roles=roles_with(VIEW_HOUSEHOLDS),
    )
)
register_card(
    Card(
        title=_("Announcements"),
        url_name="community:announcements",
        description=_("Announce to every household and see who has been reached, village by village."),
        roles=roles_with(VIEW_HOUSEHOLDS),
    )
)
register_card(
    Card(
        title=_("Smart radio"),
        url_name="community:radio",
        description=_(
            "Bulletins read by speech synthesis or recorded, schedules, and silent loudspeaker clusters."
        ),
        roles=roles_with(MANAGE_RADIO),
    )
)
register_card(
    Card(
        title=_("QR information posters"),
        url_name="community:info_pages",
        description=_(
            "History, relics, schools, clinics, wifi, lane maps and procedure guides behind a QR poster."
        ),
        roles=roles_with(MANAGE_INFO_PAGES),
    )
)
register_card(
    Card(
        title=_("Citizen feedback"),
        url_name="community:feedback_queue",
        description=_("Reports from residents: assign, answer publicly and resolve within the deadline."),
        roles=roles_with(HANDLE_FEEDBACK),
    )
)

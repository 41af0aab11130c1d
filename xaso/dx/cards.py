from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import COMMUNE_STAFF, Role
from xaso.core.dashboard import Card, register_card

register_card(
    Card(
        title=_("Digital transformation assessment"),
        url_name="dx:home",
        description=_("Register for the year, fill the indicators with evidence, follow the score."),
        roles=frozenset(COMMUNE_STAFF),
    )
)
register_card(
    Card(
        title=_("Community digital teams"),
        url_name="dx:teams",
        description=_("Teams, members, trainings and door-to-door help."),
        roles=frozenset(COMMUNE_STAFF | {Role.VILLAGE_HEAD, Role.DIGITAL_TEAM_MEMBER}),
    )
)
register_card(
    Card(
        title=_("Indicator sets and assessments"),
        url_name="dx:province",
        description=_("Publish the indicator set, review communes' assessments, rank and recognise them."),
        roles=frozenset({Role.PROVINCE_SUPERVISOR}),
    )
)

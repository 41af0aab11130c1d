from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import roles_with
from xaso.community import selectors
from xaso.community.permissions import HANDLE_FEEDBACK, MANAGE_INFO_PAGES, MANAGE_RADIO, VIEW_HOUSEHOLDS
from xaso.core.dashboard import Card, Figure, register_card
from xaso.core.tenancy import scope_of


def _url(name: str, *args, **params) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(params)}" if params else url


def _own_villages(user, perm: str) -> frozenset[int]:
    """The villages a village head is tied to for `perm` (none for whole-commune staff)."""
    return frozenset(village for _commune, village in scope_of(user, perm).villages)


def _one(villages: frozenset[int]) -> dict:
    """The village filter of a link when the user is tied to exactly one village."""
    return {"village": next(iter(villages))} if len(villages) == 1 else {}


def household_figures(user) -> list[Figure]:
    """The households in reach and those no announcement can reach but in person."""
    counts = selectors.household_figures(user)
    return [
        Figure(_("households"), counts["total"], _url("community:households")),
        Figure(
            _("with no contact channel"),
            counts["no_contact"],
            _url("community:households", contact="none"),
            "due",
        ),
    ]


def announcement_figures(user) -> list[Figure]:
    """The households (of the village head's village) the latest announcement has not reached."""
    villages = _own_villages(user, VIEW_HOUSEHOLDS)
    latest, unreached = selectors.latest_announcement_unreached(user, villages=villages)
    if latest is None:
        return [Figure(_("announcements sent"), 0, _url("community:announcements"))]
    url = _url("community:announcement", latest.pk, **_one(villages))
    return [Figure(_("households not reached by the latest announcement"), unreached, url, "due")]


def feedback_figures(user) -> list[Figure]:
    """Reports waiting for the commune, due soon and late; a village head's village first."""
    villages = _own_villages(user, HANDLE_FEEDBACK)
    counts = selectors.feedback_figures(user, villages=villages)
    queue = "community:feedback_queue"
    state = selectors.FeedbackState
    figures = []
    if villages:
        figures.append(
            Figure(
                _("waiting in your village"),
                counts["village"],
                _url(queue, state=state.PENDING, **_one(villages)),
            )
        )
    return figures + [
        Figure(_("waiting for an answer or a fix"), counts["pending"], _url(queue, state=state.PENDING)),
        Figure(
            _("due today or next working day"), counts["due_soon"], _url(queue, state=state.DUE_SOON), "due"
        ),
        Figure(_("late"), counts["late"], _url(queue, state=state.LATE), "late"),
    ]


register_card(
    Card(
        title=_("Households"),
        url_name="community:households",
        description=_("The household list of each village: import, export, contacts and consent."),
        roles=roles_with(VIEW_HOUSEHOLDS),
        figures=household_figures,
    )
)
register_card(
    Card(
        title=_("Announcements"),
        url_name="community:announcements",
        description=_("Announce to every household and see who has been reached, village by village."),
        roles=roles_with(VIEW_HOUSEHOLDS),
        figures=announcement_figures,
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
        figures=feedback_figures,
    )
)

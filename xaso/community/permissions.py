"""Permission names of the community app (defined in xaso.accounts.roles), the refusal of a
staff page to someone who holds its permission in no commune, and the village limit of a
permission (checks themselves: xaso.core.permissions)."""

from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import scope_of

VIEW_HOUSEHOLDS = "community.view_households"
MANAGE_HOUSEHOLDS = "community.manage_households"
PUBLISH_ANNOUNCEMENTS = "community.publish_announcements"
MANAGE_RADIO = "community.manage_radio"
MANAGE_INFO_PAGES = "community.manage_info_pages"
HANDLE_FEEDBACK = "community.handle_feedback"


# Said by xaso.places.selectors.commune_of when the actor holds the page's permission nowhere.
NO_COMMUNE = _("You are not allowed to do this in any commune.")


def villages_allowed(actor, perm: str, commune) -> frozenset[int] | None:
    """The villages of `commune` the actor is limited to for `perm` (a village head tied to a
    village, xaso.core.tenancy); None when they reach the whole commune."""
    scope = scope_of(actor, perm)
    return None if scope.everything else scope.villages_in(commune.code)

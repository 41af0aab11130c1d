"""Permission names of the community app (defined in xaso.accounts.roles) and their checks."""

from django.utils.translation import gettext as _

from xaso.core.errors import NotAllowed
from xaso.core.tenancy import scope_of

VIEW_HOUSEHOLDS = "community.view_households"
MANAGE_HOUSEHOLDS = "community.manage_households"
PUBLISH_ANNOUNCEMENTS = "community.publish_announcements"
MANAGE_RADIO = "community.manage_radio"
MANAGE_INFO_PAGES = "community.manage_info_pages"
HANDLE_FEEDBACK = "community.handle_feedback"


def require(actor, perm: str, commune) -> None:
    if not scope_of(actor, perm).reaches(commune_code=commune.code, province_code=commune.province_id):
        raise NotAllowed(_("You are not allowed to do this in this commune."))


def villages_allowed(actor, perm: str, commune) -> frozenset[int] | None:
    """The villages of `commune` the actor is limited to for `perm` (a village head tied to a
    village, xaso.core.tenancy); None when they reach the whole commune."""
    scope = scope_of(actor, perm)
    return None if scope.everything else scope.villages_in(commune.code)

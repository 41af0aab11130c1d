"""What a signed-in citizen's page shows (`web:dashboard` for a person without a staff role):
the cards of their own commune's services and how many notifications wait unread. The cards
themselves are `templates/web/_citizen_cards.html`."""

from xaso.accounts.models import CitizenProfile
from xaso.core.visitor import remembered_commune_code
from xaso.notify.selectors import unread_count
from xaso.web.context import nav_commune_of


def citizen_page(request) -> dict:
    """The citizen's commune and village (from their profile: the commune they registered in;
    without one, the commune they last opened) and their unread notifications; the commune is
    None until they have chosen one."""
    user = request.user
    profile = CitizenProfile.objects.filter(user=user).select_related("commune", "village").first()
    commune = profile.commune if profile and profile.commune else None
    return {
        "own_commune": commune or nav_commune_of(remembered_commune_code(request)),
        "own_village": profile.village if profile else None,
        "unread": unread_count(user),
    }

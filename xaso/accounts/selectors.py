from django.db.models import QuerySet

from xaso.accounts.models import CitizenProfile
from xaso.core.errors import NotFound
from xaso.core.text import fold


def citizen_profiles_for(actor, *, q: str = "") -> QuerySet[CitizenProfile]:
    """Profiles of the actor's communes (staff with accounts.view_citizens) or their own."""
    profiles = CitizenProfile.objects.for_actor(actor, "accounts.view_citizens")
    if q:
        profiles = profiles.filter(search_text__contains=fold(q))
    return profiles.select_related("village", "commune")


def citizen_profile_for(actor, profile_id: int) -> CitizenProfile:
    """One profile the actor may see, else NotFound (the same answer whether it exists or not)."""
    try:
        return citizen_profiles_for(actor).get(pk=profile_id)
    except CitizenProfile.DoesNotExist:
        raise NotFound("citizen", field="profile_id") from None

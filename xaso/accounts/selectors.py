from django.db.models import Count, Q, QuerySet

from xaso.accounts.models import CitizenProfile, User
from xaso.core.errors import NotFound
from xaso.core.tenancy import scope_of
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


def account_figures(actor) -> dict[str, int]:
    """Accounts active and switched off, for the administrator's dashboard (one query); nothing
    for anyone who does not reach the whole installation."""
    if not scope_of(actor).everything:
        return {"active": 0, "inactive": 0}
    return User.objects.order_by().aggregate(
        active=Count("pk", filter=Q(is_active=True)), inactive=Count("pk", filter=Q(is_active=False))
    )

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from xaso.accounts.models import CitizenProfile
from xaso.core.visitor import remembered_commune_code
from xaso.places.models import Commune

NAV_COMMUNE_SECONDS = 3600


@dataclass(frozen=True)
class NavCommune:
    """What the header and the home page show of the visitor's commune: public facts only."""

    code: str
    name: str
    province_name: str


def nav_commune_of(code: str) -> NavCommune | None:
    """The commune of `code` for the header, from the cache (communes come from the official
    list and are not edited, so an hour is safe); None when no commune has this code."""
    if not code:
        return None
    key = f"web:nav-commune:{code}"
    found = cache.get(key)
    if found is None:
        row = Commune.objects.filter(code=code).values_list("code", "name", "province__name").first()
        found = row or ()
        cache.set(key, found, NAV_COMMUNE_SECONDS)
    return NavCommune(*found) if found else None


def visitor_commune(request) -> NavCommune | None:
    """The commune whose services the header carries: the commune of the portal being shown
    (`remember_commune` marks the request), else a signed-in citizen's own commune, else the
    one the visitor chose last (xaso.core.visitor)."""
    shown = getattr(request, "commune_shown", "")
    if shown:
        return nav_commune_of(shown)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_citizen_only:
        own = CitizenProfile.objects.filter(user=user).values_list("commune_id", flat=True).first()
        if own:
            return nav_commune_of(own)
    return nav_commune_of(remembered_commune_code(request))


def site(request):
    return {
        "SITE_NAME": "Xã Số",
        "SITE_URL": settings.SITE_URL,
        # Resolved only where a template reads it (the header), once per request.
        "nav_commune": SimpleLazyObject(lambda: visitor_commune(request)),
    }

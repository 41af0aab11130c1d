"""Reads of the community app, scoped to the actor (xaso.core.tenancy)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from xaso.community.models import Household, HouseholdImport
from xaso.community.permissions import VIEW_HOUSEHOLDS
from xaso.core.errors import NotAllowed, NotFound
from xaso.core.text import fold
from xaso.places.models import Commune


def commune_of(actor, perm: str) -> Commune:
    """The commune where the actor holds `perm` (the first, for the rare multi-commune user)."""
    commune = Commune.objects.for_actor(actor, perm).order_by("code").first()
    if commune is None:
        raise NotAllowed(_("You are not allowed to do this in any commune."))
    return commune


def households_for(actor, *, commune=None, q: str = "", village_id=None) -> QuerySet[Household]:
    """Households the actor may see, optionally in one commune, one village, by text."""
    rows = Household.objects.for_actor(actor, VIEW_HOUSEHOLDS).select_related("village")
    if commune is not None:
        rows = rows.filter(commune=commune)
    if village_id:
        rows = rows.filter(village_id=village_id)
    if q:
        rows = rows.filter(search_text__contains=fold(q))
    return rows


def household_import_for(actor, uid) -> HouseholdImport:
    """One import the actor may see (their commune's), else NotFound."""
    try:
        return HouseholdImport.objects.for_actor(actor, VIEW_HOUSEHOLDS).get(uid=uid)
    except (HouseholdImport.DoesNotExist, ValueError):
        raise NotFound("import") from None

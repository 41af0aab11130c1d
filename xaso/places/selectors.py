from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy

from xaso.core.errors import NotAllowed, NotFound
from xaso.core.tenancy import scope_of
from xaso.core.text import fold
from xaso.places.models import Commune, Province, Village


def provinces_all() -> QuerySet[Province]:
    """Every province, public."""
    return Province.objects.all()


def communes_search(*, province_code: str | None = None, q: str = "") -> QuerySet[Commune]:
    """Communes, public; filtered by province and by name ignoring diacritics."""
    communes = Commune.objects.all()
    if province_code:
        if not Province.objects.filter(code=province_code).exists():
            raise NotFound(f"province {province_code}", field="province")
        communes = communes.filter(province_id=province_code)
    if q:
        communes = communes.filter(search_text__contains=fold(q))
    return communes


def commune_public(code: str) -> Commune:
    """One commune's public record."""
    try:
        return Commune.objects.select_related("province").get(code=code)
    except Commune.DoesNotExist:
        raise NotFound(f"commune {code}", field="code") from None


NO_COMMUNE = gettext_lazy("You do not work for a commune.")


def commune_of(actor, perm: str, *, own: bool = False, message=None) -> Commune:
    """The commune an officer works in for `perm`: the first by code where they hold it, for the
    rare user with several. Every staff page that acts "in my commune" starts here.

    Rules: a province supervisor or an administrator reaches every commune in reach, so they get
    the first of those; `own=True` keeps only communes their own memberships name (a supervisor
    reads communes' records but does not write for them). NotAllowed (`message`, else a generic
    sentence) when there is none."""
    if own:
        codes = scope_of(actor, perm).commune_codes
        commune = Commune.objects.filter(code__in=codes).order_by("code").first() if codes else None
    else:
        commune = Commune.objects.for_actor(actor, perm).order_by("code").first()
    if commune is None:
        raise NotAllowed(message or NO_COMMUNE)
    return commune


def villages_of_commune(commune: Commune) -> QuerySet[Village]:
    """A commune's villages as shown on its public page (names and kinds only)."""
    return Village.objects.filter(commune=commune).order_by("name")


def villages_for(actor, *, q: str = "", perm: str | None = None) -> QuerySet[Village]:
    """Villages the actor may manage or see, optionally filtered by name ignoring diacritics."""
    villages = Village.objects.for_actor(actor, perm).select_related("commune")
    if q:
        villages = villages.filter(search_text__contains=fold(q))
    return villages


def village_for(actor, village_id: int, *, perm: str | None = None) -> Village:
    """One village the actor may reach, else NotFound (never a hint that it exists elsewhere)."""
    try:
        return villages_for(actor, perm=perm).get(pk=village_id)
    except (Village.DoesNotExist, ValueError):
        raise NotFound("village") from None


def village_counts(commune_codes) -> dict[str, int]:
    """How many villages each commune has, for aggregate indicators (no names, no people)."""
    rows = Village.objects.filter(commune_id__in=list(commune_codes)).values("commune_id")
    return {row["commune_id"]: row["n"] for row in rows.annotate(n=Count("pk")).order_by()}

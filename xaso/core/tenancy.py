"""Commune scoping: the one place that decides which commune-owned rows an actor may see.

Every commune-owned model uses `ScopedManager` and every selector starts from
`Model.objects.for_actor(actor)`. The actor (accounts.User) describes itself as a `Scope`:
the communes and provinces its memberships reach, and whether it is a system admin. A citizen
reaches only rows that name them, through the model's `citizen_path`. A membership tied to a
village (a village head's) reaches, in that commune, only the rows of its village on models
that name a `village_path` (households); the other memberships reach the whole commune.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Scope:
    commune_codes: frozenset[str] = field(default_factory=frozenset)
    province_codes: frozenset[str] = field(default_factory=frozenset)
    everything: bool = False
    user_id: int | None = None
    # (commune code, village id): in these communes only these villages (village-tied roles).
    villages: frozenset[tuple[str, int]] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.commune_codes or self.province_codes)

    def reaches(self, *, commune_code: str, province_code: str) -> bool:
        return self.everything or commune_code in self.commune_codes or province_code in self.province_codes

    def villages_in(self, commune_code: str) -> frozenset[int] | None:
        """The villages the scope is limited to in this commune; None when not limited."""
        limited = frozenset(v for c, v in self.villages if c == commune_code)
        return limited or None

    def reaches_village(self, *, commune_code: str, province_code: str, village_id: int | None) -> bool:
        """Whether a row of this commune and village is within reach (village-tied roles)."""
        if self.everything:
            return True
        if not self.reaches(commune_code=commune_code, province_code=province_code):
            return False
        limited = self.villages_in(commune_code)
        return limited is None or village_id in limited


NO_SCOPE = Scope()


def scope_of(actor, perm: str | None = None) -> Scope:
    """The actor's scope, narrowed to the memberships that grant `perm` when one is named."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return NO_SCOPE
    return actor.scope_for(perm) if perm else actor.scope


def scope_condition(model, actor, perm: str | None = None, *, as_citizen: bool = True) -> Q | None:
    """The condition on `model`'s rows the actor may reach (their communes, their province's
    communes, or, `as_citizen`, their own); None when they reach every row."""
    scope = scope_of(actor, perm)
    if scope.everything:
        return None
    path = model.commune_path
    condition = Q(pk__in=[])
    village_path = getattr(model, "village_path", None)
    limited = {c for c, _v in scope.villages} if village_path else set()
    if scope.commune_codes - limited:
        condition |= Q(**{f"{path}__in": scope.commune_codes - limited})
    for code in sorted(limited & scope.commune_codes):
        condition |= Q(**{path: code, f"{village_path}__in": sorted(scope.villages_in(code))})
    if scope.province_codes:
        province_path = getattr(model, "province_path", f"{path}__province")
        condition |= Q(**{f"{province_path}__in": scope.province_codes})
    citizen_path = getattr(model, "citizen_path", None)
    if as_citizen and citizen_path and scope_of(actor).user_id is not None:
        condition |= Q(**{citizen_path: actor.pk})
    return condition


class ScopedQuerySet(models.QuerySet):
    def for_actor(self, actor, perm: str | None = None, *, as_citizen: bool = True):
        """Rows the actor may reach: their communes, their province's communes, or their own."""
        condition = scope_condition(self.model, actor, perm, as_citizen=as_citizen)
        return self if condition is None else self.filter(condition)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)

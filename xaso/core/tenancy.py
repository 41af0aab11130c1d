"""Commune scoping: the one place that decides which commune-owned rows an actor may see.

Every commune-owned model uses `ScopedManager` and every selector starts from
`Model.objects.for_actor(actor)`. The actor (accounts.User) describes itself as a `Scope`:
the communes and provinces its memberships reach, and whether it is a system admin. A citizen
reaches only rows that name them, through the model's `citizen_path`.
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

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.commune_codes or self.province_codes)

    def reaches(self, *, commune_code: str, province_code: str) -> bool:
        return self.everything or commune_code in self.commune_codes or province_code in self.province_codes


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
    if scope.commune_codes:
        condition |= Q(**{f"{path}__in": scope.commune_codes})
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

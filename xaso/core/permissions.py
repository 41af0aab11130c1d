"""The one permission check. A permission is a dotted name from the table in
xaso/accounts/roles.py; the actor (accounts.User) answers which communes and provinces it holds
it in as a `Scope` (xaso.core.tenancy). Services refuse with `require`, views and templates ask
`holds` for a yes or no (a button shown or not). Nothing else decides who may do what.

- `commune=`: held in that commune (its own membership, its province's supervisor, an admin).
- `province_code=`: held for the province as a whole (a province role or an admin); a commune
  membership inside the province does not count.

One of the two is named: a row whose commune may be empty is checked by its caller first.

An anonymous visitor holds nothing. The refusal is `NotAllowed` (403): the caller names what was
refused in `message`, else the generic sentence below.
"""

from django.utils.translation import gettext_lazy as _

from xaso.core.errors import NotAllowed
from xaso.core.tenancy import scope_of

NOT_ALLOWED = _("You are not allowed to do this in this commune.")


def holds(actor, perm: str, *, commune=None, province_code: str | None = None) -> bool:
    """Whether the actor holds `perm` in `commune`, or for the province `province_code`."""
    scope = scope_of(actor, perm)
    if commune is not None:
        return scope.reaches(commune_code=commune.code, province_code=commune.province_id)
    if province_code is not None:
        return scope.reaches(commune_code="", province_code=province_code)
    raise TypeError("holds() needs a commune or a province_code")


def require(actor, perm: str, *, commune=None, province_code: str | None = None, message=None) -> None:
    """Refuse with NotAllowed unless the actor holds `perm` there (see `holds`)."""
    if not holds(actor, perm, commune=commune, province_code=province_code):
        raise NotAllowed(message or NOT_ALLOWED)

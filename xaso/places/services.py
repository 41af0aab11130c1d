from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.permissions import require
from xaso.core.text import fold
from xaso.places.models import Commune, Village, VillageKind

MANAGE_VILLAGES = "places.manage_villages"
NOT_YOURS = gettext_lazy("You cannot manage the villages of this commune.")


def _clean(name: str, kind: str) -> tuple[str, str]:
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(_("Enter the village name."), field="name")
    if len(name) > 100:
        raise InvalidInput(_("The village name is too long (100 characters at most)."), field="name")
    if kind not in VillageKind.values:
        raise InvalidInput(_("Choose a kind of village from the list."), field="kind")
    return name, kind


def village_create(
    *,
    actor,
    commune: Commune,
    name: str,
    kind: str = VillageKind.THON,
    head_name: str = "",
    head_phone: str = "",
) -> Village:
    """Add a village to a commune. Rules: officers of that commune only; names unique in it."""
    require(actor, MANAGE_VILLAGES, commune=commune, message=NOT_YOURS)
    name, kind = _clean(name, kind)
    try:
        with transaction.atomic():
            village = Village.objects.create(
                commune=commune,
                name=name,
                kind=kind,
                head_name=head_name.strip(),
                head_phone=head_phone.strip(),
                search_text=fold(name),
            )
            audit_record(
                actor=actor,
                action="village.create",
                target=village,
                commune_code=commune.code,
                summary=name,
                changes={"name": name, "kind": kind},
            )
    except IntegrityError:
        raise InvalidInput(_("This commune already has a village with that name."), field="name") from None
    return village


def village_update(
    *, actor, village: Village, name: str, kind: str, head_name: str = "", head_phone: str = ""
) -> Village:
    """Rename or re-describe a village. Rules: as for village_create; the change is audited."""
    require(actor, MANAGE_VILLAGES, commune=village.commune, message=NOT_YOURS)
    name, kind = _clean(name, kind)
    before = {
        "name": village.name,
        "kind": village.kind,
        "head_name": village.head_name,
        "head_phone": village.head_phone,
    }
    after = {"name": name, "kind": kind, "head_name": head_name.strip(), "head_phone": head_phone.strip()}
    try:
        with transaction.atomic():
            for field, value in after.items():
                setattr(village, field, value)
            village.search_text = fold(name)
            village.save()
            audit_record(
                actor=actor,
                action="village.update",
                target=village,
                commune_code=village.commune_id,
                summary=name,
                changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
            )
    except IntegrityError:
        raise InvalidInput(_("This commune already has a village with that name."), field="name") from None
    return village

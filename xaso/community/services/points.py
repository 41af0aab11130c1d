"""Public wifi and digital-support points and the map they are shown on (the commune portal).
Managed by the staff who manage the commune's QR information pages (MANAGE_INFO_PAGES); every
write is audited. The map is a picture the commune uploads (checked and re-encoded by
xaso.core.uploads); without one the portal draws a schematic of the villages."""

import io

from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from xaso.community.models import PointKind, PointMap, PublicPoint
from xaso.community.permissions import MANAGE_INFO_PAGES
from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.permissions import require
from xaso.core.uploads import IMAGE, file_check
from xaso.places.models import Commune, Village

FIELDS = ("kind", "name", "village", "address", "opening_hours", "x_percent", "y_percent")


def _position(value, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if not 0 <= number <= 100:
        raise InvalidInput(_("Enter a position between 0 and 100 (percent of the map)."), field=field)
    return number


def _cleaned(commune: Commune, data: dict) -> dict:
    kind = data.get("kind") or ""
    if kind not in PointKind.values:
        raise InvalidInput(_("Choose a kind of point from the list."), field="kind")
    name = " ".join(str(data.get("name") or "").split())[:150]
    if not name:
        raise InvalidInput(_("Enter the name of the point."), field="name")
    village = data.get("village")
    if village is not None and (not isinstance(village, Village) or village.commune_id != commune.code):
        raise InvalidInput(_("Choose a village of this commune."), field="village")
    x = _position(data.get("x_percent"), "x_percent")
    y = _position(data.get("y_percent"), "y_percent")
    if (x is None) != (y is None):
        raise InvalidInput(
            _("Give both positions on the map, or neither."), field="y_percent" if y is None else "x_percent"
        )
    return {
        "kind": kind,
        "name": name,
        "village": village,
        "address": " ".join(str(data.get("address") or "").split())[:300],
        "opening_hours": " ".join(str(data.get("opening_hours") or "").split())[:150],
        "x_percent": x,
        "y_percent": y,
    }


def _snapshot(point: PublicPoint) -> dict:
    return {
        "kind": point.kind,
        "name": point.name,
        "village": point.village_id,
        "address": point.address,
        "opening_hours": point.opening_hours,
        "x_percent": point.x_percent,
        "y_percent": point.y_percent,
    }


def public_point_save(
    *, actor, commune: Commune, data: dict, point: PublicPoint | None = None
) -> PublicPoint:
    """Add a point to the commune (`point` None) or change one of its points. Rules: staff who
    manage the commune's information pages; a kind from the list, a name; the village is one of
    the commune's; a position on the map is two numbers 0–100, or none."""
    require(actor, MANAGE_INFO_PAGES, commune=commune)
    if point is not None and point.commune_id != commune.code:
        raise InvalidInput(_("This point belongs to another commune."))
    values = _cleaned(commune, data)
    with transaction.atomic():
        if point is None:
            point = PublicPoint(commune=commune, created_by=actor, **values)
            point.save()
            audit_record(
                actor=actor,
                action="public_point.create",
                target=point,
                commune_code=commune.code,
                summary=point.name,
                changes=_snapshot(point),
            )
            return point
        point = PublicPoint.objects.select_for_update().get(pk=point.pk)
        before = _snapshot(point)
        for name, value in values.items():
            setattr(point, name, value)
        point.save()
        after = _snapshot(point)
        audit_record(
            actor=actor,
            action="public_point.update",
            target=point,
            commune_code=commune.code,
            summary=point.name,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
    return point


def public_point_delete(*, actor, point: PublicPoint) -> None:
    """Remove a point from the commune's list and map. Rules: as public_point_save."""
    require(actor, MANAGE_INFO_PAGES, commune=point.commune)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="public_point.delete",
            target=point,
            commune_code=point.commune_id,
            summary=point.name,
            changes=_snapshot(point),
        )
        PublicPoint.objects.filter(pk=point.pk).delete()


def point_map_upload(*, actor, commune: Commune, image) -> PointMap:
    """Set (or replace) the picture the commune's points are placed on. Rules: staff who manage
    the commune's information pages; a PNG, JPEG or WebP picture, opened and re-encoded by
    xaso.core.uploads; the portal shows its light web version."""
    require(actor, MANAGE_INFO_PAGES, commune=commune)
    if image is None:
        raise InvalidInput(_("Choose the picture of the map."), field="image")
    checked = file_check(image, field="image", kinds=(IMAGE,), web_version=True)
    with Image.open(io.BytesIO(checked.web or checked.data)) as probe:
        width, height = probe.size
    with transaction.atomic():
        current = PointMap.objects.select_for_update().filter(commune=commune).first()
        current = current or PointMap(commune=commune)
        current.image, current.image_web = checked.content(), checked.web_content()
        current.width, current.height, current.updated_by = width, height, actor
        current.save()
        audit_record(
            actor=actor,
            action="point_map.upload",
            target=current,
            commune_code=commune.code,
            summary=checked.original_name,
            changes={"width": width, "height": height},
        )
    return current


def point_map_remove(*, actor, commune: Commune) -> None:
    """Go back to the schematic map of the villages. Rules: as point_map_upload."""
    require(actor, MANAGE_INFO_PAGES, commune=commune)
    with transaction.atomic():
        current = PointMap.objects.filter(commune=commune).first()
        if current is None:
            return
        audit_record(actor=actor, action="point_map.remove", target=current, commune_code=commune.code)
        current.delete()

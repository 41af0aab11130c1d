from ninja import Router, Schema

from xaso.core.bounds import Id
from xaso.places import selectors

router = Router(tags=["places"])


class ProvinceOut(Schema):
    code: str
    name: str
    type: str


class CommuneOut(Schema):
    code: str
    name: str
    type: str
    province: str


class VillageOut(Schema):
    id: int
    name: str
    kind: str


@router.get("/provinces", response=list[ProvinceOut], auth=None)
def provinces(request):
    return list(selectors.provinces_all())


@router.get("/communes", response=list[CommuneOut], auth=None)
def communes(request, province: str | None = None, q: str = ""):
    rows = selectors.communes_search(province_code=province, q=q)
    # Plain values, not model instances: this list is read often and in bulk (3,321 rows).
    fields = ("code", "name", "type", "province")
    return [
        dict(zip(fields, row, strict=True)) for row in rows.values_list("code", "name", "type", "province_id")
    ]


@router.get("/communes/{code}/villages", response=list[VillageOut], auth=None)
def villages(request, code: str):
    commune = selectors.commune_public(code)
    return list(selectors.villages_of_commune(commune))


class VillageDetailOut(Schema):
    id: int
    name: str
    kind: str
    commune: str
    head_name: str
    head_phone: str


@router.get("/villages/{village_id}", response=VillageDetailOut)
def village_detail(request, village_id: Id):
    """A village with its head's contact, for staff of its commune or province."""
    village = selectors.village_for(request.user, village_id, perm="core.view_commune")
    return {
        "id": village.pk,
        "name": village.name,
        "kind": village.kind,
        "commune": village.commune_id,
        "head_name": village.head_name,
        "head_phone": village.head_phone,
    }

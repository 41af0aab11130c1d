"""Loads the official list of 34 provinces and 3,321 communes (effective 1 July 2025) from the
vietnam-provinces package. Idempotent: rows are upserted by code, names follow the package."""

from django.db import transaction
from vietnam_provinces import Province as OfficialProvince
from vietnam_provinces import Ward as OfficialWard

from xaso.core.text import fold
from xaso.places.models import Commune, Province


def _code(value, width: int) -> str:
    return str(int(value)).zfill(width)


@transaction.atomic
def places_load() -> tuple[int, int]:
    """Upsert every province and commune; returns (provinces, communes) in the list."""
    provinces = [
        Province(
            code=_code(p.code, 2),
            name=p.name,
            type=p.division_type.value,
            codename=p.codename,
            search_text=fold(p.name),
        )
        for p in OfficialProvince.iter_all()
    ]
    Province.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "type", "codename", "search_text"],
    )
    communes = [
        Commune(
            code=_code(w.code, 5),
            province_id=_code(w.province_code, 2),
            name=w.name,
            type=w.division_type.value,
            codename=w.codename,
            search_text=fold(w.name),
        )
        for w in OfficialWard.iter_all()
    ]
    Commune.objects.bulk_create(
        communes,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["province", "name", "type", "codename", "search_text"],
    )
    return len(provinces), len(communes)

"""Demo data for the portal's wifi and digital-support points: a free wifi point at the cultural
house of each of the first villages and the digital team's desk at the commune hall. Idempotent
(by name); written through the service, so audited like any other point. Called by the demo
loader (xaso demo)."""

from xaso.community.models import PointKind, PublicPoint
from xaso.community.services.points import public_point_save
from xaso.places.models import Commune, Village

WIFI_VILLAGES = 3


def demo_points_load(*, actor, commune: Commune) -> list[PublicPoint]:
    """The demo commune's points (made once, found again on a second run)."""
    villages = list(Village.objects.filter(commune=commune).order_by("name")[:WIFI_VILLAGES])
    wanted = [
        {
            "kind": PointKind.WIFI,
            "name": f"Nhà văn hóa {village.name[:1].lower()}{village.name[1:]} — wifi miễn phí",
            "village": village,
            "address": f"Nhà văn hóa {village.name[:1].lower()}{village.name[1:]}",
            "opening_hours": "6:00–22:00 hằng ngày",
        }
        for village in villages
    ]
    wanted.append(
        {
            "kind": PointKind.DIGITAL_SUPPORT,
            "name": "Tổ công nghệ số cộng đồng — bàn hỗ trợ tại UBND xã",
            "village": None,
            "address": commune.address or "Trụ sở UBND xã",
            "opening_hours": "Sáng thứ 2 đến sáng thứ 7, 7:30–11:30",
        }
    )
    points = []
    for data in wanted:
        found = PublicPoint.objects.filter(commune=commune, name=data["name"]).first()
        points.append(found or public_point_save(actor=actor, commune=commune, data=data))
    return points

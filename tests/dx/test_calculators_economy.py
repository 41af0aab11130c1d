"""The economy indicators against hand-counted payment points and products."""

from datetime import datetime

from xaso.core.calendar import LOCAL_TZ
from xaso.dx.calculators import Period, compute_one
from xaso.economy.models import PaymentPoint, Producer, Product

Y2025 = Period.year(2025)


def _point(commune, name, *, active=True, created=datetime(2025, 2, 1, 9, tzinfo=LOCAL_TZ)):
    point = PaymentPoint.objects.create(
        commune=commune,
        name=name,
        kind="market_stall",
        bank_bin="970436",
        account_number="0123456789",
        account_name="NGUYEN VAN AN",
        payload="000201",
        is_active=active,
    )
    PaymentPoint.objects.filter(pk=point.pk).update(created_at=created)


def test_cashless_points_are_the_active_points_set_up_by_the_period_end(commune, other_commune):
    _point(commune, "Sạp rau")
    _point(commune, "Trường tiểu học")
    _point(commune, "Sạp cũ", active=False)
    _point(commune, "Tiệm mới", created=datetime(2026, 1, 10, 9, tzinfo=LOCAL_TZ))

    assert compute_one("economy.cashless_points", commune.code, Y2025).measure.value == 2
    none = compute_one("economy.cashless_points", other_commune.code, Y2025)
    assert none.measure is None and none.note.startswith("no data")


def test_products_online_are_those_with_a_marketplace_link(commune, other_commune, far_commune):
    def product(commune_obj, name, links):
        producer, _ = Producer.objects.get_or_create(
            commune=commune_obj, name="HTX Yên Định", kind="cooperative"
        )
        Product.objects.create(
            producer=producer, commune=commune_obj, name=name, category="food", marketplace_links=links
        )

    product(commune, "Gạo nếp cái hoa vàng", ["https://shopee.vn/gao"])
    product(commune, "Chè lam", [])
    product(commune, "Mật ong", ["https://shopee.vn/mat-ong", "https://tiki.vn/mat-ong"])
    product(far_commune, "Bánh gai", [])

    assert compute_one("economy.products_online", commune.code, Y2025).measure.value == 2
    assert compute_one("economy.products_online", far_commune.code, Y2025).measure.value == 0
    assert compute_one("economy.products_online", other_commune.code, Y2025).measure is None

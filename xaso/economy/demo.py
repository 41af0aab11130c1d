"""Demo data of the digital economy (a step of `xaso demo`, xaso.core.demo): cashless payment
points at the market, producers with their OCOP products (photos), production batches with
traceability stamps, some scanned by buyers. Through the app's services."""

from datetime import timedelta

from xaso.core.demo import DemoContext, DemoStep, picture
from xaso.economy.models import Batch, PointKind, Producer, ProducerKind, Product, ProductCategory
from xaso.economy.scans import scans_flush
from xaso.economy.services import (
    batch_create,
    payment_point_save,
    producer_save,
    product_save,
    stamp_scan,
    stamps_generate,
)

PRODUCERS = [
    (
        "Hợp tác xã Nông nghiệp Yên Định",
        ProducerKind.COOPERATIVE,
        "Lê Văn Thắng",
        [
            ("Gạo Nếp cái hoa vàng Yên Định", ProductCategory.FOOD, 4, "kg", 35000, 45000, ["vietgap"]),
            ("Gạo thơm Yên Định", ProductCategory.FOOD, 3, "kg", 18000, 22000, ["vietgap"]),
        ],
    ),
    (
        "Cơ sở Chè lam Phúc Lộc",
        ProducerKind.HOUSEHOLD,
        "Nguyễn Thị Hương",
        [("Chè lam gừng Phúc Lộc", ProductCategory.FOOD, 3, "hộp", 40000, 60000, [])],
    ),
    (
        "Công ty TNHH Rượu men lá Quan Trung",
        ProducerKind.ENTERPRISE,
        "Trịnh Đức Mạnh",
        [
            ("Rượu men lá Quan Trung", ProductCategory.DRINK, 3, "chai 500 ml", 90000, 120000, ["haccp"]),
            ("Mây tre đan Kiều Đại", ProductCategory.CRAFT, None, "chiếc", 60000, 350000, []),
        ],
    ),
]
COLOURS = [(46, 125, 50), (121, 85, 72), (183, 28, 28), (2, 119, 189), (245, 124, 0)]
POINTS = [
    ("Quầy rau sạch bà Tư - chợ Yên Định", PointKind.MARKET_STALL, "Chợ Yên Định, ki-ốt 12", "Hoàng Thị Tư"),
    ("Tạp hóa Minh An", PointKind.SHOP, "Thôn Quan Trung", "Nguyễn Văn An"),
    ("Trường Tiểu học Yên Định - thu học phí", PointKind.SCHOOL, "Thôn Yên Trường", "Kế toán nhà trường"),
]


def demo_step(ctx: DemoContext) -> None:
    commune, officer, rng = ctx["commune"], ctx["users"]["chuyenvien"], ctx.rng
    for n, (name, kind, place, owner) in enumerate(POINTS):
        payment_point_save(
            actor=officer,
            commune=commune,
            data={
                "name": name,
                "kind": kind,
                "place": place,
                "owner_name": owner,
                "bank_bin": "970405",
                "account_number": f"36002051{n:05d}",
                "account_name": owner.upper() if n < 2 else "TRUONG TH YEN DINH",
            },
        )
    colour = iter(COLOURS)
    stamps = []
    for p_name, p_kind, representative, products in PRODUCERS:
        producer = producer_save(
            actor=officer,
            commune=commune,
            data={
                "name": p_name,
                "kind": p_kind,
                "representative": representative,
                "phone": f"09{rng.randrange(10**8):08d}",
                "address": f"{rng.choice(ctx['villages']).name}, {commune.name}",
                "description": "Sản phẩm truyền thống của xã Yên Định, sản xuất theo quy trình an toàn.",
            },
        )
        for name, category, stars, unit, low, high, certifications in products:
            product = product_save(
                actor=officer,
                producer=producer,
                data={
                    "name": name,
                    "category": category,
                    "ocop_stars": stars,
                    "ocop_certificate": f"{rng.randint(100, 999)}/QĐ-UBND" if stars else "",
                    "ocop_year": ctx.today.year - rng.randint(0, 3) if stars else None,
                    "certifications": certifications,
                    "description": f"{name}: đặc sản của xã, đóng gói tại cơ sở {p_name}.",
                    "price_min": low,
                    "price_max": high,
                    "unit": unit,
                },
                photo=picture(name, next(colour)),
            )
            for b in range(2):
                batch = batch_create(
                    actor=officer,
                    product=product,
                    data={
                        "code": f"L{ctx.today.year % 100}-{b + 1:02d}",
                        "produced_on": ctx.today - timedelta(days=30 * (2 - b) + rng.randint(0, 9)),
                        "area": f"Cánh đồng {rng.choice(ctx['villages']).name}",
                        "quantity": 20,
                        "certifications": certifications,
                    },
                )
                stamps_generate(actor=officer, batch=batch)
                stamps.extend(batch.stamps.order_by("pk").values_list("serial", flat=True)[:5])
    for n, serial in enumerate(stamps):  # buyers scanning the stamps, from a few networks
        for _ in range(1 + n % 3):
            stamp_scan(serial=serial, ip=f"113.{160 + n % 7}.{rng.randint(0, 255)}.{rng.randint(1, 254)}")
    scans_flush()
    ctx.communes.add(commune.code)


def foreign(mine: set[str]) -> dict[str, int]:
    return {
        "producers": Producer.objects.exclude(commune_id__in=mine).count(),
        "products": Product.objects.exclude(commune_id__in=mine).count(),
        "batches": Batch.objects.exclude(commune_id__in=mine).count(),
    }


DEMO_STEP = DemoStep("economy", demo_step, order=50, foreign=foreign)

from datetime import date

import pytest

from xaso.economy.services import batch_create, producer_save, product_save


@pytest.fixture
def producer(commune, specialist):
    return producer_save(
        actor=specialist,
        commune=commune,
        data={"name": "HTX Nông nghiệp Định Tân", "kind": "cooperative", "representative": "Lê Văn Nam"},
    )


@pytest.fixture
def product(producer, specialist):
    return product_save(
        actor=specialist,
        producer=producer,
        data={
            "name": "Chè lam Phủ Quảng",
            "category": "food",
            "ocop_stars": 4,
            "ocop_certificate": "OCOP-38-2024-017",
            "ocop_year": 2024,
            "certifications": ["vietgap"],
            "price_min": "45.000",
            "price_max": "60.000",
            "unit": "hộp 300 g",
            "marketplace_links": "https://shopee.vn/che-lam-phu-quang",
        },
    )


@pytest.fixture
def batch(product, specialist):
    return batch_create(
        actor=specialist,
        product=product,
        data={"code": "L2411", "produced_on": date(2026, 11, 1), "area": "Đồi Định Tân", "quantity": 50},
    )

"""With every section filled, the commune portal still weighs under 60 KB gzipped with what it
loads (pictures included), loads nothing from another host, has one h1, and every section is a
landmark named by its own heading."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories as f
from tests.files import image_bytes
from xaso.community.models import InfoKind
from xaso.community.services.announcements import announcement_create
from xaso.community.services.feedback import feedback_submit
from xaso.community.services.infopages import info_page_create
from xaso.community.services.points import public_point_save
from xaso.economy.services import producer_save, product_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_commune(commune, one_stop_officer, specialist, citizen):
    villages = [
        f.village(commune, f"Thôn {name}") for name in ("Phúc Lộc", "Đông Sơn", "Tây Hồ", "Nam Giang")
    ]
    for i in range(8):
        announcement_create(
            actor=one_stop_officer, commune=commune, title=f"Thông báo số {i}", body="Nội dung " * 80
        )
    for _ in range(5):
        feedback_submit(actor=citizen, commune=commune, category="roads", text="Đường hỏng, ổ gà sâu. " * 20)
    kinds = [k for k in InfoKind.values if k not in (InfoKind.LANE_MAP, InfoKind.HOUSEHOLD_LIST)]
    for i, kind in enumerate(kinds * 2):
        info_page_create(actor=one_stop_officer, commune=commune, kind=kind, title=f"Trang thông tin {i}")
    for i in range(12):
        public_point_save(
            actor=one_stop_officer,
            commune=commune,
            data={
                "kind": "wifi" if i % 2 else "digital_support",
                "name": f"Nhà văn hóa số {i}",
                "village": villages[i % 4],
                "address": "Đường liên thôn",
                "opening_hours": "7:30–21:00",
            },
        )
    producer = producer_save(
        actor=specialist, commune=commune, data={"name": "HTX Định Tân", "kind": "cooperative"}
    )
    for i in range(6):
        product_save(
            actor=specialist,
            producer=producer,
            data={"name": f"Sản phẩm {i}", "category": "food", "price_min": "45.000"},
            photo=SimpleUploadedFile(
                "p.jpg", image_bytes("JPEG", size=(640, 480), color="green"), content_type="image/jpeg"
            ),
        )
    return commune


def test_the_full_portal_weighs_under_60_kb_and_loads_nothing_external(client, busy_commune):
    html = client.get(f"/xa/{busy_commune.code}/").content
    assert not re.search(rb'(src|href)="(https?:)?//', html)
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:src|href)="/static/([^"]+)"', html):
        with open(finders.find(asset.decode()), "rb") as fh:
            total += len(gzip.compress(fh.read()))
    for picture in re.findall(rb'(?:<img src|<image href)="(/[^"]+)"', html):
        total += len(gzip.compress(client.get(picture.decode()).getvalue()))
    assert total <= 60 * 1024, total


def test_every_section_is_a_landmark_named_by_its_heading(client, busy_commune):
    body = client.get(f"/xa/{busy_commune.code}/").content.decode()
    assert body.count("<h1") == 1
    labelled = re.findall(r'<section aria-labelledby="([^"]+)"', body)
    assert {
        "p-services",
        "p-announcements",
        "p-feedback",
        "p-info",
        "p-points",
        "p-products",
        "contact",
        "villages",
    } <= set(labelled)
    for name in labelled:
        assert re.search(rf"<h[23] id=\"{name}\">[^<]+", body), name

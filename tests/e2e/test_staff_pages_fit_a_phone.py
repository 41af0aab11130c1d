"""Staff pages fit a 360 px phone without scrolling sideways (wide tables scroll inside
themselves), and a single tick sits beside its label."""

import pytest
from django.conf import settings

from xaso.accounts.demo import demo_load

pytestmark = pytest.mark.django_db(transaction=True)
STAFF_PAGES = [
    "/cong-dong/ho-gia-dinh/",
    "/cong-dong/thong-bao/",
    "/cong-dong/thong-bao/moi/",
    "/cong-dong/radio/",
    "/cong-dong/phan-anh/",
    "/mot-cua/bao-cao/",
    "/mot-cua/ho-so/",
    "/van-ban/chung-thu/",
]


def test_staff_pages_have_no_horizontal_scroll_at_360_px(page, sign_in):
    demo_load()
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in("lanhdao", settings.DEMO_PASSWORD)
    wide = {}
    for path in STAFF_PAGES:
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    assert not wide, wide


def test_a_single_tick_sits_beside_its_label(page):
    commune = demo_load()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/cong-dong/xa/{commune.code}/phan-anh/gui/")
    box = page.locator(".field.check input[type=checkbox]").first
    label = page.locator(".field.check label").first
    tick, text = box.bounding_box(), label.bounding_box()
    assert abs((tick["y"] + tick["height"] / 2) - (text["y"] + text["height"] / 2)) < 16
    assert 0 <= text["x"] - (tick["x"] + tick["width"]) < 24

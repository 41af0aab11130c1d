"""A visitor opens `/`, finds the demo commune by name, opens its portal on a 360 px phone (no
sideways scroll) and follows each section's link: the commune's procedures, the dossier lookup,
announcements, the feedback form and board, an information page, the wifi points and the
product catalogue. The full portal passes axe-core (no serious or critical violation)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from tests.files import image_bytes
from xaso.accounts.demo import demo_load
from xaso.accounts.models import User
from xaso.community.demo_points import demo_points_load
from xaso.community.models import InfoKind
from xaso.community.services.announcements import announcement_create
from xaso.community.services.infopages import info_page_create
from xaso.economy.services import producer_save, product_save
from xaso.places.models import Commune


@pytest.fixture
def portal_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _fill_the_demo_commune():
    demo_load()
    commune = Commune.objects.get(code="15469")
    officer = User.objects.get(username="motcua")
    specialist = User.objects.get(username="chuyenvien")
    announcement_create(
        actor=officer, commune=commune, title="Lịch tiêm chủng tháng này", body="Tại trạm y tế xã."
    )
    info_page_create(
        actor=officer, commune=commune, kind=InfoKind.RELIC, title="Đình làng Phúc Lộc", body="…"
    )
    demo_points_load(actor=officer, commune=commune)
    producer = producer_save(
        actor=specialist, commune=commune, data={"name": "HTX Định Tân", "kind": "cooperative"}
    )
    product_save(
        actor=specialist,
        producer=producer,
        data={"name": "Chè lam Phủ Quảng", "category": "food"},
        photo=SimpleUploadedFile("che.jpg", image_bytes("JPEG", size=(64, 48)), content_type="image/jpeg"),
    )


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def test_a_visitor_reaches_every_section_of_the_portal_by_clicking(portal_page, transactional_db):
    page = portal_page
    _fill_the_demo_commune()
    page.goto("/")
    page.get_by_label("Tên xã, phường").fill("yen dinh")
    page.get_by_role("button", name="Tìm kiếm").click()
    # Two communes share the name: the one in Thanh Hóa.
    page.get_by_role("listitem").filter(has_text="Thanh Hóa").get_by_role("link", name="Xã Yên Định").click()
    page.wait_for_url("**/xa/15469/")
    portal = page.url
    expect(page.get_by_role("heading", name="Xã Yên Định", level=1)).to_be_visible()
    _no_sideways_scroll(page)
    violations = Axe().run(page).response["violations"]
    assert not [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    for section in ("p-services", "p-announcements", "p-feedback", "p-info", "p-points", "p-products"):
        assert page.locator(f"section[aria-labelledby={section}]").count() == 1, section
    # The product photo is served (not a raw /media/ path that answers 404).
    photo = page.locator("section[aria-labelledby=p-products] img").get_attribute("src")
    assert not photo.startswith("/media/") and page.request.get(photo).status == 200

    follow = [
        ("Nộp hồ sơ trực tuyến", "Thủ tục hành chính"),
        ("Tra cứu hồ sơ", "Tra cứu hồ sơ"),
        ("Lịch tiêm chủng tháng này", "Lịch tiêm chủng tháng này"),
        ("Tất cả thông báo", "Thông báo của Xã Yên Định"),
        ("Gửi phản ánh", None),
        ("Tất cả phản ánh và trả lời của xã", None),
        ("Đình làng Phúc Lộc", "Đình làng Phúc Lộc"),
        ("Xem riêng các điểm wifi và hỗ trợ số", "Wifi miễn phí và điểm hỗ trợ số tại Xã Yên Định"),
        ("Chè lam Phủ Quảng", "Chè lam Phủ Quảng"),
    ]
    for link, heading in follow:
        page.goto(portal)
        page.get_by_role("link", name=link, exact=True).first.click()
        page.wait_for_load_state()
        assert page.url != portal, link
        assert page.locator("h1").count() == 1, link
        if heading:
            assert heading in page.locator("h1").inner_text(), (link, page.locator("h1").inner_text())
        _no_sideways_scroll(page)
    page.goto(portal)
    page.get_by_role("link", name="Xem tất cả 1 sản phẩm của xã trong danh mục").click()
    expect(page.get_by_role("link", name="Chè lam Phủ Quảng")).to_be_visible()

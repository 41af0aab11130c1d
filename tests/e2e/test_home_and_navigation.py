"""A visitor finds their commune by name, the header then carries its services and the home page
remembers it; a newcomer registers choosing the commune and village by name (issue 18 part 2)."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories as f


@pytest.fixture
def yen_dinh(transactional_db):
    province = f.province("38", "Thanh Hóa")
    commune = f.commune("15469", "Xã Yên Định", province)
    f.commune("15475", "Xã Định Tân", province)
    f.village(commune, "Thôn Phúc Lộc")
    f.village(commune, "Thôn Yên Trường")
    return commune


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_home_page_remembers_the_commune_found_by_name(page, yen_dinh):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    page.get_by_label("Tên xã, phường").fill("yen dinh")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name="Xã Yên Định").click()
    expect(page.get_by_role("heading", name="Xã Yên Định", level=1)).to_be_visible()
    # The header's services, behind a disclosure that fits a 360 px phone.
    page.get_by_text("Dịch vụ của Xã Yên Định").click()
    assert no_sideways_scroll(page)
    services = page.get_by_role("navigation", name="Dịch vụ của Xã Yên Định")
    services.get_by_role("link", name="Thông báo").click()
    expect(page.get_by_role("heading", name="Thông báo của Xã Yên Định")).to_be_visible()
    page.get_by_role("link", name="Xã Số").click()
    expect(page.get_by_role("heading", name="Xã của bạn: Xã Yên Định")).to_be_visible()
    assert no_sideways_scroll(page)
    page.get_by_role("link", name="Mở cổng thông tin Xã Yên Định").click()
    expect(page.get_by_role("heading", name="Xã Yên Định", level=1)).to_be_visible()


def test_a_newcomer_registers_choosing_the_commune_by_name(page, yen_dinh, settings):
    settings.SHOW_UNSENT_CODES = True  # no SMS gateway: the page shows the code
    settings.NOTIFY_SMS_URL = ""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    page.get_by_role("link", name="Tạo tài khoản").click()
    page.get_by_label("Tên xã, phường nơi bạn sống").fill("yen dinh")
    page.get_by_role("button", name="Tìm xã").click()
    page.get_by_role("link", name="Xã Yên Định").click()
    expect(page.get_by_text("Bạn sống tại Xã Yên Định")).to_be_visible()
    page.get_by_label("Thôn, tổ dân phố nơi bạn sống").select_option(label="Thôn Yên Trường")
    page.get_by_label("Họ và tên").fill("Lê Thị Hạnh")
    page.get_by_label("Số điện thoại").fill("0911 222 666")
    page.get_by_label("Mật khẩu").fill("ngan")
    page.get_by_role("button", name="Tạo tài khoản").click()
    # Refused: what was typed is kept, the commune and village too.
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.get_by_label("Họ và tên").input_value() == "Lê Thị Hạnh"
    assert page.get_by_label("Thôn, tổ dân phố nơi bạn sống").locator("option:checked").inner_text() == (
        "Thôn Yên Trường"
    )
    page.get_by_label("Mật khẩu").fill("mat-khau-dai-2026")
    page.get_by_role("button", name="Tạo tài khoản").click()
    code = re.search(r"\b(\d{6})\b", page.locator(".messages").inner_text()).group(1)
    page.get_by_label("Mã 6 chữ số trong tin nhắn").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url("**/bang-dieu-khien/")
    expect(page.get_by_role("heading", name="Xin chào, Lê Thị Hạnh")).to_be_visible()
    page.get_by_text("Dịch vụ của Xã Yên Định").click()  # the citizen's own commune
    assert no_sideways_scroll(page)
    page.get_by_role("main").get_by_role("link", name="Phản ánh, kiến nghị", exact=True).click()
    assert "/cong-dong/xa/15469/phan-anh/gui/" in page.url


def test_the_commune_search_suggests_as_one_types(page, yen_dinh):
    page.goto("/dang-ky/")
    page.get_by_label("Tên xã, phường nơi bạn sống").press_sequentially("dinh tan")
    page.get_by_role("link", name="Xã Định Tân").click()
    expect(page.get_by_text("Bạn sống tại Xã Định Tân")).to_be_visible()

"""A citizen finds their commune without accents, then signs in; an officer adds a village."""

from playwright.sync_api import expect

from xaso.accounts.demo import demo_load


def test_a_citizen_finds_the_commune_and_signs_in(page, sign_in, transactional_db, settings):
    demo_load()
    page.goto("/")
    page.get_by_label("Tên xã, phường").fill("yen dinh")
    page.get_by_label("Tỉnh, thành phố").select_option(label="Thanh Hóa")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name="Xã Yên Định").click()
    expect(page.get_by_role("heading", name="Xã Yên Định")).to_be_visible()
    expect(page.get_by_text("Thôn Phúc Lộc")).to_be_visible()
    sign_in("0912345678", settings.DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Xin chào, Trần Thị Bình")).to_be_visible()


def test_an_officer_adds_a_village_and_a_wrong_one_keeps_the_form(page, sign_in, transactional_db, settings):
    demo_load()
    sign_in("motcua", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Thôn, tổ dân phố").click()
    page.get_by_label("Tên").fill("Thôn Phúc Lộc")
    page.get_by_label("Trưởng thôn", exact=True).fill("Ông Tư")
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_role("alert").get_by_text("Xã đã có một thôn trùng tên")).to_be_visible()
    assert page.get_by_label("Trưởng thôn", exact=True).input_value() == "Ông Tư"
    page.get_by_label("Tên").fill("Thôn Mới Lập")
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_text("Đã thêm thôn")).to_be_visible()
    page.get_by_label("Tìm thôn").fill("moi lap")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("cell", name="Thôn Mới Lập", exact=True)).to_be_visible()

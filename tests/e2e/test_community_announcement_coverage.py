"""A village head posts an announcement, a household acknowledges it, coverage updates."""

from playwright.sync_api import expect

from tests import factories as f
from xaso.community.models import Household


def test_a_village_head_announces_a_household_confirms_and_coverage_rises(
    page, sign_in, browser, live_server, transactional_db
):
    province = f.province("38", "Thanh Hóa")
    commune = f.commune("15469", "Xã Yên Định", province)
    village = f.village(commune, "Thôn Phúc Lộc")
    head = f.staff("village_head", commune_obj=commune, username="truongthon")
    contact = f.citizen(commune_obj=commune, phone="0912000001", full_name="Trần Thị Bình")
    for code, user in (("HK-001", contact), ("HK-002", None)):
        Household.objects.create(
            commune=commune, village=village, code=code, head_name=f"Chủ hộ {code}", contact_user=user
        )

    sign_in(head.username, f.PASSWORD)
    page.get_by_role("link", name="Thông báo", exact=True).last.click()
    page.get_by_role("link", name="Viết thông báo").click()
    page.get_by_label("Tiêu đề").fill("Họp thôn tối thứ bảy")
    page.get_by_label("Nội dung").fill("Mời đại diện mỗi hộ dự họp lúc 19h tại nhà văn hóa.")
    page.get_by_label("Thôn Phúc Lộc").check()
    page.get_by_role("button", name="Đăng", exact=True).click()
    expect(page.get_by_text("Đã đăng thông báo.")).to_be_visible()
    expect(page.locator("#coverage")).to_have_text("0/2 (0%)")

    household_page = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    household_page.goto("/dang-nhap/")
    household_page.get_by_label("Số điện thoại, thư điện tử hoặc tên đăng nhập").fill("0912000001")
    household_page.get_by_label("Mật khẩu").fill(f.PASSWORD)
    household_page.get_by_role("button", name="Đăng nhập").click()
    household_page.wait_for_url("**/bang-dieu-khien/")
    household_page.goto("/thong-bao/")
    household_page.get_by_role("button", name="Họp thôn tối thứ bảy").click()
    household_page.get_by_role("button", name="Gia đình tôi đã nhận được").click()
    expect(household_page.get_by_text("Cảm ơn: xã đã ghi nhận")).to_be_visible()
    household_page.context.close()

    page.reload()
    expect(page.locator("#coverage")).to_have_text("1/2 (50%)")
    expect(page.get_by_role("cell", name="HK-001")).to_have_count(0)
    page.get_by_label("Đã báo trực tiếp cho Chủ hộ HK-002").check()
    page.get_by_role("button", name="Ghi nhận các hộ đã đánh dấu là đã báo trực tiếp").click()
    expect(page.locator("#coverage")).to_have_text("2/2 (100%)")
    expect(page.get_by_text("Tất cả các hộ đã nhận được.")).to_be_visible()

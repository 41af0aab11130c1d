"""A clerk schedules a meeting with a registered document on its agenda; the chair opens the
meeting pack through its QR address on a phone, checks in, and signs the minutes; someone not
invited who opens the same address is politely refused."""

from playwright.sync_api import expect

from xaso.accounts.models import User
from xaso.core.pdf import html_to_pdf
from xaso.documents.demo import DEMO_PASSPHRASE, pki_demo_load
from xaso.documents.registry.services import incoming_register

PHONE = {"width": 390, "height": 844}


def test_a_meeting_pack_opens_for_the_invited_and_the_minutes_get_signed(
    browser, live_server, page, sign_in, transactional_db, settings, tmp_path
):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    credentials = pki_demo_load()
    clerk = User.objects.get(username="vanthu")
    incoming_register(
        actor=clerk,
        commune=credentials[0].commune,
        kind="KH",
        title="Kế hoạch phòng chống bão lũ năm 2027",
        sender="UBND tỉnh Thanh Hóa",
        pdf=html_to_pdf("<p>Kế hoạch phòng chống bão lũ</p>"),
    )

    sign_in("vanthu", settings.DEMO_PASSWORD)
    page.goto("/hop/")
    page.get_by_role("link", name="Tạo cuộc họp").click()
    page.get_by_label("Cuộc họp").fill("Họp triển khai phòng chống bão lũ")
    page.get_by_label("Thời gian bắt đầu").fill("2027-01-05T08:00")
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã")
    page.get_by_label("Chủ trì").select_option(label="Trịnh Văn Hùng")
    page.get_by_label("Lê Văn Minh").check()
    page.get_by_role("button", name="Tạo cuộc họp").click()
    expect(page.get_by_text("Đã tạo cuộc họp.")).to_be_visible()
    page.get_by_label("Nội dung họp").fill("Triển khai kế hoạch")
    page.get_by_label("Văn bản trong sổ").select_option(index=1)
    page.get_by_role("button", name="Thêm vào chương trình").click()
    expect(page.get_by_text("Đã thêm nội dung họp.")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    pack_url = page.locator("#pack-link").get_attribute("href")

    stranger = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=PHONE).new_page()
    stranger.goto(pack_url)
    expect(stranger.get_by_role("heading", name="Chỉ dành cho người được mời")).to_be_visible()
    assert stranger.get_by_text("Kế hoạch phòng chống bão lũ năm 2027").count() == 0
    stranger.context.close()

    chair = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=PHONE).new_page()
    chair.goto(pack_url)  # not signed in yet: refused, with a way to sign in
    chair.locator("#main").get_by_role("link", name="Đăng nhập").click()
    chair.get_by_label("Số điện thoại, thư điện tử hoặc tên đăng nhập").fill("lanhdao")
    chair.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    chair.get_by_role("button", name="Đăng nhập").click()
    chair.wait_for_url("**/hop/q/**")  # back to the pack after signing in
    expect(chair.get_by_text("Xin chào Trịnh Văn Hùng.")).to_be_visible()
    with chair.expect_download() as download:
        chair.get_by_role("link", name="Kế hoạch phòng chống bão lũ năm 2027").click()
    assert download.value.suggested_filename.endswith(".pdf")
    chair.get_by_role("button", name="Tôi đã có mặt (điểm danh)").click()
    expect(chair.get_by_text("Bạn đã điểm danh. Cảm ơn bạn.")).to_be_visible()

    chair.goto("/hop/")
    chair.get_by_role("link", name="Họp triển khai phòng chống bão lũ").click()
    chair.get_by_label("Biên bản").fill("Thống nhất triển khai kế hoạch.\n\nGiao các thôn rà soát hộ dân.")
    chair.get_by_role("button", name="Lưu biên bản").click()
    chair.get_by_label("Mật khẩu hoặc mã PIN").fill(DEMO_PASSPHRASE)
    chair.get_by_role("button", name="Ký số").click()
    expect(chair.get_by_text("Biên bản đã được ký.")).to_be_visible()
    expect(chair.get_by_role("link", name="Biên bản đã ký").first).to_be_visible()
    chair.context.close()

"""A citizen files a birth registration from a phone, the commune processes it to delivery,
and the citizen rates the service — through the real pages, in Debian's chromium."""

import re

from playwright.sync_api import expect

from tests import factories as f
from tests.files import PDF
from xaso.onestop.models import Dossier, Procedure, Status
from xaso.onestop.services.catalogue import procedures_load


def sign_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def act(page, sign_in, username, code, *buttons, assignee=None):
    sign_in(username, f.PASSWORD)
    page.goto(f"/ho-so/{code}/")
    for name in buttons:
        if assignee:
            page.get_by_label("Phân công cho").select_option(label=assignee)
        page.get_by_role("button", name=name, exact=True).click()
        expect(page.get_by_text("Đã thực hiện.")).to_be_visible()
    sign_out(page)


def test_a_birth_registration_from_filing_to_rating(page, sign_in, transactional_db, tmp_path):
    if not Procedure.objects.exists():
        procedures_load()
    commune = f.commune("15469", "Xã Yên Định", f.province("38", "Thanh Hóa"))
    f.citizen(commune_obj=commune, phone="0912000001", full_name="Trần Thị Bình")
    f.staff("one_stop_officer", commune_obj=commune, username="motcua", full_name="Nguyễn Văn Một")
    f.staff("specialist", commune_obj=commune, username="tuphap", full_name="Lê Thị Tư Pháp")
    f.staff("commune_leader", commune_obj=commune, username="chutich", full_name="Phạm Văn Chủ")

    # The citizen finds the procedure without accents and files it in three steps.
    sign_in("0912000001", f.PASSWORD)
    page.goto("/thu-tuc/")
    page.get_by_label("Tìm thủ tục").fill("khai sinh")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()
    expect(page.get_by_text("Giấy chứng sinh").first).to_be_visible()
    page.get_by_role("button", name="Bắt đầu nộp").click()
    assert page.get_by_label("Số điện thoại liên hệ").input_value() == "0912000001"  # declared once
    page.get_by_label("Số định danh cá nhân của người yêu cầu").fill("038190000123")
    page.get_by_label("Nơi cư trú").fill("Thôn Phúc Lộc, xã Yên Định")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Quan hệ với người được khai sinh").select_option(label="Mẹ")
    page.get_by_label("Họ, chữ đệm và tên người được khai sinh").fill("Lê Minh An")
    page.get_by_label("Ngày, tháng, năm sinh").fill("01/03/2026")
    page.get_by_label("Giới tính").select_option(label="Nam")
    page.get_by_label("Nơi sinh").fill("Trạm y tế xã Yên Định")
    page.get_by_role("textbox", name="Dân tộc", exact=True).fill("Kinh")
    page.get_by_role("textbox", name="Quốc tịch", exact=True).fill("Việt Nam")
    page.get_by_label("Năm sinh của người mẹ").fill("1992")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_text("Lê Minh An")).to_be_visible()
    # Each required paper is attached on the review step (the declaration is the form).
    scan = tmp_path / "giay-to.pdf"
    scan.write_bytes(PDF)
    for n in (1, 2):
        page.locator(f"#rp{n}").set_input_files(str(scan))
        page.locator("#required-papers > li").nth(n - 1).get_by_role(
            "button", name=re.compile("^Tải lên")
        ).click()
    assert page.locator("#papers-missing").count() == 0
    page.get_by_role("button", name="Gửi hồ sơ").click()
    heading = page.get_by_role("heading", name=re.compile(r"^Hồ sơ 15469-\d{6}-\d{4}$"))
    code = heading.inner_text().removeprefix("Hồ sơ ")
    assert page.locator("#status").inner_text() == "Đã nộp trực tuyến"
    sign_out(page)

    # The commune works it through, each officer seeing only their own buttons.
    act(page, sign_in, "motcua", code, "Tiếp nhận")
    act(page, sign_in, "motcua", code, "Phân công", assignee="Lê Thị Tư Pháp (tuphap)")
    act(page, sign_in, "tuphap", code, "Bắt đầu xử lý", "Trình phê duyệt")
    act(page, sign_in, "chutich", code, "Phê duyệt")
    act(page, sign_in, "motcua", code, "Đã có kết quả", "Trả kết quả")
    assert Dossier.objects.get(code=code).status == Status.DELIVERED

    # The citizen sees the whole timeline and rates the service.
    sign_in("0912000001", f.PASSWORD)
    page.goto("/ho-so/cua-toi/")
    page.get_by_role("link", name=code).click()
    assert page.locator("#status").inner_text() == "Đã trả kết quả"
    page.get_by_label("Rất hài lòng").check()
    page.get_by_label("Góp ý (không bắt buộc)").fill("Nhanh, cán bộ nhiệt tình")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn bạn đã đánh giá.")).to_be_visible()
    assert Dossier.objects.get(code=code).rating.level == 4

"""A commune completes its self-assessment with evidence; the province reviews and recognises it;
the ranking shows it."""

from playwright.sync_api import expect

from tests import factories as f
from tests.dx.factories import small_set
from tests.files import PDF
from xaso.dx.models import DigitalTeam


def _section(page, code):
    return page.locator("section.indicator", has=page.get_by_role("heading", name=f"{code} —"))


def test_a_commune_is_assessed_reviewed_recognised_and_ranked(
    transactional_db,
    page,
    sign_in,
    province,
    commune,
    other_commune,
    commune_leader,
    province_supervisor,
    tmp_path,
):
    dx_set = small_set(province, 2025)
    DigitalTeam.objects.create(
        commune=commune, village=f.village(commune, "Thôn Phúc Lộc"), name="Tổ CĐS Phúc Lộc"
    )
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(PDF)

    sign_in("lanhdao", f.PASSWORD)
    page.goto("/cds/")
    page.get_by_role("button", name="Đăng ký thực hiện năm 2025").click()
    expect(page.get_by_text("Xã đã đăng ký")).to_be_visible()

    a1 = _section(page, "A1")
    a1.get_by_label("Số đạt").fill("12")
    a1.get_by_label("Trên tổng số").fill("10")
    a1.get_by_role("button", name="Lưu A1").click()
    expect(page.get_by_role("alert").get_by_text("vượt quá 100%")).to_be_visible()
    a1 = _section(page, "A1")
    assert a1.get_by_label("Trên tổng số").input_value() == "10"
    a1.get_by_label("Số đạt").fill("10")
    a1.get_by_role("button", name="Lưu A1").click()
    expect(page.get_by_text("Đã lưu A1")).to_be_visible()
    _section(page, "A1").get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    _section(page, "A1").get_by_role("button", name="Đính kèm A1").click()
    expect(page.get_by_text("Đã đính kèm minh chứng cho A1")).to_be_visible()

    _section(page, "B1").get_by_label("Trả lời").select_option(label="Có")
    _section(page, "B1").get_by_role("button", name="Lưu B1").click()
    _section(page, "B1").get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    _section(page, "B1").get_by_role("button", name="Đính kèm B1").click()
    expect(_section(page, "C1").get_by_text("1/1 (100")).to_be_visible()

    page.get_by_role("button", name="Gửi tỉnh thẩm định").click()
    expect(page.get_by_text("Đã gửi bản đánh giá lên tỉnh")).to_be_visible()
    assessment_url = page.url

    page.context.clear_cookies()
    sign_in("sotinh", f.PASSWORD)
    page.goto(assessment_url)
    for code in ("A1", "B1", "C1"):
        page.get_by_role("button", name=f"Chấp nhận {code}", exact=True).click()
        expect(_section(page, code).get_by_text("Đã chấp nhận")).to_be_visible()
    page.get_by_label("Số quyết định").fill("15/QĐ-BCĐ")
    page.get_by_role("button", name="Quyết định công nhận").click()
    expect(page.get_by_text("Đã công nhận: Nâng cao")).to_be_visible()
    expect(page.get_by_role("link", name="Quyết định công nhận (PDF)")).to_be_visible()

    page.goto(f"/cds/bo-chi-tieu/{dx_set.pk}/xep-hang/")
    first = page.get_by_role("row").nth(1)
    assert first.get_by_role("cell").nth(0).inner_text() == "1"
    assert "Xã Yên Định" in first.inner_text() and "Nâng cao" in first.inner_text()

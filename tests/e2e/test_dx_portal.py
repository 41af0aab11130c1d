"""The commune portal's DX section, as a visitor on a phone meets it: from /xa/<code>/ to the
assessment summary and plan progress, the news list and an item, and the province's public
ranking; and the commune officer who writes and publishes a news item for it."""

from decimal import Decimal

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories as f
from tests.dx.factories import small_set
from xaso.dx.demo import demo_news
from xaso.dx.models import Assessment, AssessmentStatus, Plan, Target, TargetFigure


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _axe_blocking(page) -> list[str]:
    """axe-core's serious and critical violations on the page (none expected)."""
    return [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_a_visitor_goes_from_the_portal_to_the_dx_news_and_the_ranking(
    transactional_db, page, province, commune, other_commune, commune_leader
):
    s = small_set(province, 2025)
    s.is_public = True
    s.save()
    Assessment.objects.create(
        indicator_set=s,
        commune=commune,
        status=AssessmentStatus.RECOGNISED,
        score=Decimal("84.25"),
        level=s.levels.get(code="dat"),
    )
    Assessment.objects.create(
        indicator_set=s, commune=other_commune, status=AssessmentStatus.SUBMITTED, score=Decimal("90")
    )
    plan = Plan.objects.create(
        province=province, commune=commune, title="Kế hoạch chuyển đổi số", year_from=2024, year_to=2030
    )
    for name, value, figure in (("Hộ có cáp quang", 80, 85), ("Người có điện thoại thông minh", 90, 70)):
        target = Target.objects.create(plan=plan, name=name, value=value, due_year=2025)
        TargetFigure.objects.create(target=target, period="2025", value=figure, entered_by=commune_leader)
    demo_news(commune, actor=commune_leader)

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/xa/{commune.code}/")
    section = page.locator("section.dx-portal")
    expect(section.get_by_role("heading", name="Chuyển đổi số", exact=True)).to_be_visible()
    expect(section.get_by_text("84,25")).to_be_visible()
    expect(section.get_by_text("Xếp hạng 2 trên 2 xã được đánh giá của Thanh Hóa.")).to_be_visible()
    expect(section.get_by_role("progressbar", name="Chỉ tiêu đã đạt: 1/2")).to_be_visible()
    assert _no_horizontal_scroll(page)
    assert not _axe_blocking(page)

    section.get_by_role("link", name="Xem tất cả tin").click()
    expect(page.get_by_role("heading", name="Tin chuyển đổi số của Xã Yên Định")).to_be_visible()
    assert page.get_by_text("Lắp đặt loa truyền thanh thông minh tại thôn Kiều Đại").count() == 0
    page.get_by_role("link", name="Chợ Yên Định thanh toán không dùng tiền mặt bằng mã QR").click()
    expect(
        page.get_by_role("heading", name="Chợ Yên Định thanh toán không dùng tiền mặt bằng mã QR")
    ).to_be_visible()
    assert _no_horizontal_scroll(page)
    assert not _axe_blocking(page)

    page.get_by_role("link", name="Xã Yên Định").first.click()
    page.locator("section.dx-portal").get_by_role(
        "link", name="Bảng xếp hạng các xã của Thanh Hóa, năm 2025"
    ).click()
    mine = page.get_by_role("row").filter(has_text="Xã Yên Định")
    assert mine.get_by_role("cell").nth(0).inner_text() == "2"


def test_an_officer_writes_and_publishes_a_news_item_that_the_portal_then_shows(
    transactional_db, page, sign_in, commune, commune_leader
):
    sign_in("lanhdao", f.PASSWORD)
    page.goto("/cds/")
    page.get_by_role("link", name="Tin chuyển đổi số").click()
    expect(page.get_by_text("Chưa có tin nào.")).to_be_visible()
    page.get_by_role("link", name="Viết tin mới").click()
    page.get_by_label("Tiêu đề").fill("Thôn Phúc Lộc có loa truyền thanh thông minh")
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_role("alert").get_by_text("Hãy nhập nội dung tin.")).to_be_visible()
    assert page.get_by_label("Tiêu đề").input_value() == "Thôn Phúc Lộc có loa truyền thanh thông minh"
    page.get_by_label("Nội dung").fill("Loa phát bản tin lúc 5 giờ và 17 giờ hằng ngày.")
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    assert not _axe_blocking(page)
    page.get_by_role("button", name="Đăng lên cổng thông tin").click()
    expect(page.get_by_text("Tin đã được đăng trên cổng thông tin của xã.")).to_be_visible()
    page.get_by_role("link", name="Xem trên cổng thông tin").click()
    expect(page.get_by_role("heading", name="Thôn Phúc Lộc có loa truyền thanh thông minh")).to_be_visible()
    page.goto(f"/xa/{commune.code}/")
    expect(
        page.locator("section.dx-portal").get_by_role(
            "link", name="Thôn Phúc Lộc có loa truyền thanh thông minh"
        )
    ).to_be_visible()

"""The civil-status specialist finds a birth in the register by typing the name without
accents, opens the entry, corrects the place of birth by a decision, and sees the history."""

from datetime import date

import pytest
from playwright.sync_api import expect

from xaso.accounts.demo import demo_load
from xaso.accounts.models import User
from xaso.civil.services.entries import entry_register
from xaso.places.models import Village

pytestmark = pytest.mark.e2e


def commune_village(commune):
    return Village.objects.filter(commune=commune).order_by("pk").first()


def test_a_specialist_searches_opens_and_corrects_an_entry(page, sign_in, transactional_db, settings):
    commune = demo_load()
    specialist = User.objects.get(username="chuyenvien")
    entry_register(
        actor=specialist,
        commune=commune,
        kind="birth",
        registered_on=date(2026, 3, 20),
        data={
            "name": "Nguyễn Thị Hòa",
            "birth_date": date(2026, 3, 1),
            "sex": "F",
            "place": "Trạm y tế xã",
            "mother_name": "Đặng Thị Hương",
        },
    )
    sign_in("chuyenvien", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Sổ hộ tịch").first.click()
    page.get_by_label("Họ tên (có dấu hoặc không dấu)").fill("nguyen thi hoa")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name="Nguyễn Thị Hòa").click()
    expect(page.get_by_role("heading", name="Khai sinh: Nguyễn Thị Hòa")).to_be_visible()

    page.get_by_role("link", name="Cải chính, thay đổi mục này").click()
    page.get_by_label("Nơi xảy ra sự kiện").fill("Bệnh viện Đa khoa huyện")
    page.get_by_label("Lý do cải chính, thay đổi").fill("Cải chính nơi sinh theo giấy chứng sinh")
    page.get_by_role("button", name="Lưu cải chính").click()
    # Without the decision the form says so and keeps what was typed.
    expect(page.get_by_label("Nơi xảy ra sự kiện")).to_have_value("Bệnh viện Đa khoa huyện")
    page.get_by_label("Căn cứ quyết định").fill("Quyết định số 12/QĐ-UBND ngày 05/12/2026")
    page.get_by_role("button", name="Lưu cải chính").click()

    expect(page.get_by_text("Đã cải chính mục hộ tịch")).to_be_visible()
    expect(page.get_by_text("Quyết định số 12/QĐ-UBND ngày 05/12/2026")).to_be_visible()
    expect(page.locator("del", has_text="Trạm y tế xã")).to_be_visible()
    expect(page.locator("ins", has_text="Bệnh viện Đa khoa huyện")).to_be_visible()


def test_the_register_pages_fit_a_360_px_phone(page, sign_in, transactional_db, settings):
    commune = demo_load()
    specialist = User.objects.get(username="chuyenvien")
    entry = entry_register(
        actor=specialist,
        commune=commune,
        kind="birth",
        registered_on=date(2026, 3, 20),
        village=commune_village(commune),
        data={"name": "Nguyễn Thị Hòa", "birth_date": date(2026, 3, 1), "mother_name": "Đặng Thị Hương"},
    )
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in("chuyenvien", settings.DEMO_PASSWORD)
    wide = {}
    for path in (
        "/ho-tich/",
        f"/ho-tich/{entry.pk}/",
        f"/ho-tich/{entry.pk}/sua/",
        "/ho-tich/day-du/?year=2026",
    ):
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    assert not wide, wide

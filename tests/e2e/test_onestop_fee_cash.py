"""At the desk: a citizen asks for three extract copies (8.000 đồng each) and pays in cash; the
one-stop officer records it on the dossier page, which passes axe with the form on it, and the
receipt of the cash payment opens as a PDF — in Debian's chromium, on the demo commune."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.test_accessibility_gate import BLOCKING
from xaso.accounts.demo import demo_load
from xaso.accounts.models import User
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_submit

EXTRACT_DATA = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912000001",
    "applicant_address": "Thôn Phúc Lộc",
    "record_kind": "khai_sinh",
    "person_name": "Lê Minh An",
    "copies": 3,
}


def test_the_officer_records_the_fee_of_three_copies_paid_in_cash(page, sign_in, transactional_db, settings):
    if not Procedure.objects.exists():
        procedures_load()
    commune = demo_load()
    dossier = dossier_submit(
        actor=User.objects.get(username="0912345678"),
        procedure=Procedure.objects.get(code="trich-luc-ho-tich"),
        commune=commune,
        data=dict(EXTRACT_DATA),
    )

    sign_in("motcua", settings.DEMO_PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    assert page.locator("#fee-copies").inner_text() == "3 bản × 8.000 đồng = 24.000 đồng"
    violations = Axe().run(page).response["violations"]
    assert not [v["id"] for v in violations if v["impact"] in BLOCKING], violations
    page.get_by_label("Số tiền mặt đã nhận (đồng)").fill("20.000")
    page.get_by_role("button", name="Ghi nhận đã thu tiền mặt").click()
    expect(
        page.get_by_text("Số tiền mặt nhận phải đúng bằng số tiền phải nộp: 24.000 đồng.").first
    ).to_be_visible()
    page.get_by_label("Số tiền mặt đã nhận (đồng)").fill("24.000")
    page.get_by_label("Số biên lai", exact=True).fill("0000789")
    page.get_by_role("button", name="Ghi nhận đã thu tiền mặt").click()
    page.wait_for_url(f"**/ho-so/{dossier.code}/")
    assert page.locator("#fee-state").inner_text() == "Đã nộp lệ phí"
    timeline = "24.000 đồng bằng tiền mặt tại bộ phận một cửa (biên lai 0000789)"
    expect(page.get_by_text(timeline).first).to_be_visible()
    receipt = page.request.get(page.locator("#cash-receipt").get_attribute("href"))
    assert receipt.headers["content-type"] == "application/pdf" and receipt.body().startswith(b"%PDF")
    assert Dossier.objects.get(pk=dossier.pk).fee_paid_at is not None

"""A citizen's dossier with a fee shows its VietQR (decoded here by zbarimg: amount and note),
the commune's cashier imports the bank statement, and the dossier shows paid — in Debian's
chromium, on the demo commune that `xaso demo` sets up with a collection account."""

import subprocess

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.test_accessibility_gate import BLOCKING, CITIZEN_PAGE_BUDGET, _weight
from tests.support.dossiers import MARITAL_DATA
from xaso.accounts.demo import demo_load
from xaso.accounts.models import User
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_submit
from xaso.payments.vietqr import vietqr_parse


def statement_for(note: str, amount: str) -> bytes:
    return (
        "SAO KÊ TÀI KHOẢN\n"
        "Số tham chiếu,Ngày giao dịch,Số tiền ghi có,Nội dung\n"
        f'FT26335001,01/12/2026,"{amount}",MBVCB.88.{note}.CT tu 0912345678\n'
    ).encode("utf-8-sig")


def test_the_citizen_pays_the_fee_by_qr_and_the_cashiers_statement_marks_it_paid(
    page, sign_in, transactional_db, settings, tmp_path
):
    if not Procedure.objects.exists():
        procedures_load()
    commune = demo_load()
    citizen = User.objects.get(username="0912345678")
    dossier = dossier_submit(
        actor=citizen,
        procedure=Procedure.objects.get(code="xac-nhan-tinh-trang-hon-nhan"),
        commune=commune,
        data=dict(MARITAL_DATA),
    )

    sign_in("0912345678", settings.DEMO_PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    assert page.locator("#fee-state").inner_text() == "Chưa nộp lệ phí"
    expect(page.get_by_text("15.000 đ", exact=True).first).to_be_visible()
    qr = page.get_by_role("img", name="Mã VietQR để nộp lệ phí")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    image = page.request.get(qr.get_attribute("src"))
    assert image.headers["content-type"] == "image/png"
    (tmp_path / "fee.png").write_bytes(image.body())
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "fee.png")], capture_output=True, text=True, check=True
    ).stdout.strip()
    payload = vietqr_parse(decoded)
    note = page.locator("#fee-note").inner_text()
    day, sequence = dossier.code.split("-")[1:]
    assert payload.amount == 15_000
    assert payload.note == note and note.endswith(f"{day} {sequence}") and len(note) <= 25
    violations = Axe().run(page).response["violations"]
    assert not [v["id"] for v in violations if v["impact"] in BLOCKING]
    origin = page.evaluate("location.origin")
    assert _weight(page, origin) <= CITIZEN_PAGE_BUDGET
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("motcua", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Thu ngân: thanh toán QR").click()
    page.get_by_label("Tệp sao kê").set_input_files(
        {"name": "saoke.csv", "mimeType": "text/csv", "buffer": statement_for(note, "15.000")}
    )
    page.get_by_role("button", name="Nhập và đối soát").click()
    expect(page.get_by_text("Đã nhập sao kê: 1 dòng mới")).to_be_visible()
    page.goto("/mot-cua/ho-so/?tab=new")
    row = page.get_by_role("row").filter(has_text=dossier.code)
    expect(row.get_by_text("Đã nộp lệ phí")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("0912345678", settings.DEMO_PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    assert page.locator("#fee-state").inner_text() == "Đã nộp lệ phí"
    expect(page.get_by_role("img", name="Mã VietQR để nộp lệ phí")).to_be_hidden()
    expect(page.get_by_text("Đã nhận lệ phí: 15.000 đồng qua chuyển khoản")).to_be_visible()
    assert Dossier.objects.get(pk=dossier.pk).fee_paid_at is not None

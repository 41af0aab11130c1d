"""The commune leader sets the collection account; the cashier asks for a fee with a VietQR
code, imports the bank's statement, and sees the request paid."""

from playwright.sync_api import expect

from xaso.accounts.demo import demo_load
from xaso.payments.models import PaymentRequest


def statement_for(reference: str) -> bytes:
    return (
        "SAO KÊ TÀI KHOẢN\n"
        "Số tham chiếu,Ngày giao dịch,Số tiền ghi có,Nội dung\n"
        f'FT26327001,23/11/2026,"30.000",MBVCB.123.{reference} Phi cho o 12\n'
        'FT26327002,23/11/2026,"15.000",chuyen tien khong ro\n'
    ).encode("utf-8-sig")


def test_the_cashier_shows_a_qr_imports_the_statement_and_the_request_shows_paid(
    page, sign_in, transactional_db, settings
):
    demo_load()
    sign_in("lanhdao", settings.DEMO_PASSWORD)
    page.goto("/thanh-toan/tai-khoan/")
    page.get_by_label("Ngân hàng").select_option("970405")
    page.get_by_label("Số tài khoản").fill("3600 2051 23456")
    page.get_by_label("Chủ tài khoản").fill("UBND XA YEN DINH")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu tài khoản thu")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("motcua", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Thu ngân: thanh toán QR").click()
    page.get_by_role("link", name="Tạo yêu cầu thanh toán").click()
    page.get_by_label("Nội dung thu").fill("Phí chợ ô số 12")
    page.get_by_label("Số tiền (đồng)").fill("0")
    page.get_by_role("button", name="Tạo và hiện mã QR").click()
    expect(page.get_by_role("alert").get_by_text("Số tiền phải lớn hơn 0 đồng")).to_be_visible()
    assert page.get_by_label("Nội dung thu").input_value() == "Phí chợ ô số 12"
    page.get_by_label("Số tiền (đồng)").fill("30.000")
    page.get_by_role("button", name="Tạo và hiện mã QR").click()
    qr = page.get_by_role("img", name="Mã VietQR để thanh toán")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/png")
    expect(page.get_by_text("Đã bỏ dấu tiếng Việt")).to_be_visible()
    expect(page.get_by_text("Chờ thanh toán")).to_be_visible()
    request = PaymentRequest.objects.get()

    page.get_by_role("link", name="Thu ngân").click()
    page.get_by_label("Tệp sao kê").set_input_files(
        {"name": "saoke.csv", "mimeType": "text/csv", "buffer": statement_for(request.reference)}
    )
    page.get_by_role("button", name="Nhập và đối soát").click()
    expect(page.get_by_text("Đã nhập sao kê: 2 dòng mới")).to_be_visible()
    expect(page.get_by_text("Không khớp yêu cầu nào")).to_be_visible()
    page.get_by_role("link", name=request.reference).click()
    expect(page.get_by_text("Đã thanh toán", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Mã VietQR để thanh toán")).to_be_hidden()

    page.get_by_role("link", name="Thu ngân").click()
    page.get_by_label("Tệp sao kê").set_input_files(
        {"name": "saoke.csv", "mimeType": "text/csv", "buffer": statement_for(request.reference)}
    )
    page.get_by_role("button", name="Nhập và đối soát").click()
    expect(page.get_by_text("Đã nhập sao kê: 0 dòng mới, 2 dòng đã nhập trước")).to_be_visible()

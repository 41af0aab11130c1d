"""The province supervisor enrols the province's decision certificate from the province page:
a wrong passphrase is refused in Vietnamese and keeps the name typed, the right one enrols it."""

from django.core.management import call_command
from playwright.sync_api import expect

from tests import factories as f
from tests.support.signing import PASSPHRASE
from xaso.dx.models import DecisionCredential


def test_a_supervisor_enrols_the_decision_certificate(
    page, sign_in, transactional_db, province, tmp_path, test_ca, leader_p12
):
    f.staff("province_supervisor", province_obj=province, username="giamsat")
    root = tmp_path / "root.pem"
    root.write_bytes(test_ca.cert_pem)
    call_command("pki", "trust", "add", str(root))
    p12 = tmp_path / "giam-doc.p12"
    p12.write_bytes(leader_p12)

    sign_in("giamsat", f.PASSWORD)
    page.goto("/cds/tinh/")
    page.get_by_role("link", name="Chứng thư ký quyết định").click()
    page.get_by_label("Tên chứng thư").fill("Chữ ký Giám đốc Sở")
    page.get_by_label("Tệp PKCS#12 (.p12, .pfx)").set_input_files(str(p12))
    page.get_by_label("Mật khẩu của tệp").fill("sai-mat-khau")
    page.get_by_role("button", name="Kiểm tra và đăng ký").click()
    expect(page.get_by_text("Mật khẩu không mở được tệp này.", exact=True)).to_be_visible()
    expect(page.get_by_label("Tên chứng thư")).to_have_value("Chữ ký Giám đốc Sở")
    page.get_by_label("Tệp PKCS#12 (.p12, .pfx)").set_input_files(str(p12))
    page.get_by_label("Mật khẩu của tệp").fill(PASSPHRASE)
    page.get_by_role("button", name="Kiểm tra và đăng ký").click()
    expect(page.get_by_text("Đã đăng ký chứng thư “Chữ ký Giám đốc Sở”")).to_be_visible()
    assert DecisionCredential.objects.get().province == province

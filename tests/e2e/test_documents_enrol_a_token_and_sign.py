"""The issue's end-to-end, from a fresh database with no demo step: an administrator installs the
provider's root with `xaso pki trust add`, a leader enrols their USB token (SoftHSM2) on the
certificates page, then signs an outgoing document with it by typing the PIN; poppler's
`pdfsig` says the signature is valid."""

from django.core.management import call_command
from playwright.sync_api import expect

from tests import factories as f
from tests.support.signing import pdfsig
from tests.support.softhsm import KEY_LABEL, LIBRARY, PIN
from xaso.documents.models import RegisteredDocument, SigningCredential, TrustRoot
from xaso.documents.registry.services import document_act, outgoing_create


def test_a_leader_enrols_a_token_and_signs_on_a_fresh_installation(
    page, sign_in, transactional_db, settings, tmp_path, commune, softhsm_token, test_ca
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PKCS11_MODULE = LIBRARY
    assert not TrustRoot.objects.exists() and not SigningCredential.objects.exists()
    admin = f.staff("system_admin", username="quantri")
    leader = f.staff("commune_leader", commune_obj=commune, username="chutich", full_name="Trịnh Văn Hùng")
    writer = f.staff("specialist", commune_obj=commune, username="chuyenvien")

    root = tmp_path / "root-ca.pem"
    root.write_bytes(test_ca.cert_pem)
    call_command("pki", "trust", "add", str(root), "--by", admin.username)

    sign_in("chutich", f.PASSWORD)
    page.get_by_role("link", name="Chứng thư ký số").first.click()
    expect(page.get_by_role("heading", name="Chứng thư ký số", exact=True)).to_be_visible()
    expect(page.get_by_text("Chưa có chứng thư nào được đăng ký")).to_be_visible()
    page.get_by_label("Tên chứng thư").fill("USB token của Chủ tịch")
    page.get_by_label("Chức vụ in dưới chữ ký").fill("Chủ tịch")
    page.get_by_role("radio", name="Thiết bị ký số PKCS#11 (mã PIN)").check()
    page.get_by_label("Token", exact=True).fill(softhsm_token)
    page.get_by_label("Tên khoá trên token").fill(KEY_LABEL)
    # A wrong PIN first: refused in Vietnamese, what was typed is kept, the PIN is not.
    page.get_by_label("Mã PIN của token").fill("000000")
    page.get_by_role("button", name="Kiểm tra và đăng ký").click()
    expect(page.get_by_text("Mã PIN không mở được token này.", exact=True)).to_be_visible()
    expect(page.get_by_label("Tên chứng thư")).to_have_value("USB token của Chủ tịch")
    expect(page.get_by_label("Mã PIN của token")).to_have_value("")
    page.get_by_label("Mã PIN của token").fill(PIN)
    page.get_by_role("button", name="Kiểm tra và đăng ký").click()
    expect(page.get_by_text("Đã đăng ký chứng thư “USB token của Chủ tịch”")).to_be_visible()
    credential = SigningCredential.objects.get()
    assert credential.holder == leader and credential.pkcs11_token == softhsm_token

    doc = outgoing_create(
        actor=writer,
        commune=commune,
        kind="TB",
        title="Thông báo lịch tiếp công dân",
        body="Ủy ban nhân dân xã thông báo lịch tiếp công dân.",
        recipients=["Các thôn"],
    )
    document_act(actor=writer, document=doc, action="submit")
    page.goto(f"/van-ban/{doc.pk}/")
    page.get_by_label("Mật khẩu hoặc mã PIN").fill(PIN)
    page.get_by_role("button", name="Ký số").click()
    expect(page.get_by_text("Đã ký").first).to_be_visible()
    doc = RegisteredDocument.objects.get(pk=doc.pk)
    assert doc.signed_document is not None
    assert "Signature is Valid." in pdfsig(doc.signed_document.file.read(), tmp_path)

"""The issue's whole issuance, in a browser, on a fresh database with no demo step: an
administrator installs the provider's root with `xaso pki trust add`; the leader enrols their USB
token (SoftHSM2) on the certificates page and signs an approved birth registration's result on the
dossier page; the clerk enrols the commune's seal (a PKCS#12 file) on the same page and issues the
result with it; the citizen's verification page shows both signatures valid, and poppler's
`pdfsig` says the same of the file the citizen downloads. Filing and walking the dossier to its
approval are not the point here: services do them."""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from tests import factories as f
from tests.support.dossiers import BIRTH_DATA
from tests.support.signing import PASSPHRASE, pdfsig
from tests.support.softhsm import KEY_LABEL, LIBRARY, PIN
from xaso.documents.models import SigningCredential, TrustRoot
from xaso.onestop.models import Procedure
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.lifecycle import dossier_act


def _approved_birth(commune, citizen, officer, specialist, leader):
    if not Procedure.objects.exists():
        procedures_load()
    dossier = dossier_submit(
        actor=citizen,
        procedure=Procedure.objects.get(national_code="1.001193"),
        commune=commune,
        data=dict(BIRTH_DATA, applicant_phone=citizen.username),
    )
    dossier = dossier_act(actor=officer, dossier=dossier, action="receive")
    dossier = dossier_act(actor=officer, dossier=dossier, action="assign", assignee=specialist)
    for action in ("start", "propose"):
        dossier = dossier_act(actor=specialist, dossier=dossier, action=action)
    return dossier_act(actor=leader, dossier=dossier, action="approve")


def _sign_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def test_a_fresh_commune_enrols_its_certificates_signs_issues_and_the_citizen_verifies_both(
    page, sign_in, transactional_db, settings, tmp_path, commune, softhsm_token, test_ca, seal_p12
):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PKCS11_MODULE = LIBRARY
    assert not TrustRoot.objects.exists() and not SigningCredential.objects.exists()
    admin = f.staff("system_admin", username="quantri")
    leader = f.staff("commune_leader", commune_obj=commune, username="chutich", full_name="Trịnh Văn Hùng")
    f.staff("clerk", commune_obj=commune, username="vanthu", full_name="Lê Thị Hoa")
    officer = f.staff("one_stop_officer", commune_obj=commune, username="motcua")
    specialist = f.staff("specialist", commune_obj=commune, username="chuyenvien")
    citizen = f.citizen(commune_obj=commune, phone="0912345678")

    # The administrator installs the provider's root certificate with the command.
    root = tmp_path / "root-ca.pem"
    root.write_bytes(test_ca.cert_pem)
    call_command("pki", "trust", "add", str(root), "--by", admin.username)
    assert TrustRoot.objects.count() == 1

    dossier = _approved_birth(commune, citizen, officer, specialist, leader)

    # The leader enrols the USB token through the page, then signs the result with its PIN.
    sign_in("chutich", f.PASSWORD)
    page.get_by_role("link", name="Chứng thư ký số").first.click()
    expect(page.get_by_text("Chưa có chứng thư nào được đăng ký")).to_be_visible()
    page.get_by_label("Tên chứng thư").fill("USB token của Chủ tịch")
    page.get_by_label("Chức vụ in dưới chữ ký").fill("Chủ tịch")
    page.get_by_role("radio", name="Thiết bị ký số PKCS#11 (mã PIN)").check()
    page.get_by_label("Token", exact=True).fill(softhsm_token)
    page.get_by_label("Tên khoá trên token").fill(KEY_LABEL)
    page.get_by_label("Mã PIN của token").fill(PIN)
    page.get_by_role("button", name="Kiểm tra và đăng ký").click()
    expect(page.get_by_text("Đã đăng ký chứng thư “USB token của Chủ tịch”")).to_be_visible()
    assert SigningCredential.objects.get().holder == leader

    page.goto(f"/ho-so/{dossier.code}/")
    page.get_by_label("Mật khẩu hoặc mã PIN").fill(PIN)
    page.get_by_role("button", name="Ký số kết quả").click()
    expect(page.get_by_text("Đã ký số kết quả.")).to_be_visible()
    expect(page.get_by_text("Đang chờ văn thư ban hành")).to_be_visible()
    _sign_out(page)

    # The clerk enrols the commune's seal (a PKCS#12 file), then issues the result with it.
    sign_in("vanthu", f.PASSWORD)
    page.goto("/van-ban/chung-thu/")
    page.get_by_role("radio", name="Con dấu của xã (chứng thư số của cơ quan)").check()
    page.get_by_label("Tên chứng thư").fill("Con dấu UBND Xã Yên Định")
    page.get_by_role("radio", name="Tệp PKCS#12 (mật khẩu)").check()
    page.get_by_label("Tệp PKCS#12 (.p12, .pfx)").set_input_files(
        files=[{"name": "con-dau.p12", "mimeType": "application/x-pkcs12", "buffer": seal_p12}]
    )
    page.get_by_label("Mật khẩu của tệp").fill(PASSPHRASE)
    page.get_by_role("button", name="Kiểm tra và đăng ký").click()
    expect(page.get_by_text("Đã đăng ký chứng thư “Con dấu UBND Xã Yên Định”")).to_be_visible()
    seal = SigningCredential.objects.get(holder=None)
    assert seal.is_seal and seal.commune == commune

    page.goto("/bang-dieu-khien/")
    page.get_by_role("link", name=re.compile("kết quả đã ký chờ ban hành")).click()
    page.get_by_role("link", name=dossier.code).click()
    page.get_by_label("Mã PIN hoặc mật khẩu của chứng thư số cơ quan").fill(PASSPHRASE)
    page.get_by_role("button", name="Ban hành và ký số cơ quan").click()
    expect(page.get_by_text("Đã ban hành kết quả bằng chứng thư số của cơ quan.")).to_be_visible()
    _sign_out(page)

    # The citizen checks both signatures on the verification page and downloads the paper.
    sign_in(citizen.username, f.PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    download = page.get_by_role("link", name="Tải kết quả đã ký số (PDF)")
    response = page.request.get(download.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    page.get_by_role("link", name="Kiểm tra chữ ký").click()
    expect(page.get_by_text("Mọi chữ ký trong văn bản đều hợp lệ")).to_be_visible()
    cards = page.locator(".report .card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("Chứng thư số cá nhân")
    expect(cards.nth(0)).to_contain_text("Trịnh Văn Hùng")
    expect(cards.nth(0)).to_contain_text("Hợp lệ")
    expect(cards.nth(1)).to_contain_text("Chứng thư số của cơ quan, tổ chức (con dấu)")
    expect(cards.nth(1)).to_contain_text("Hợp lệ")

    report = pdfsig(response.body(), tmp_path)
    assert "Signature #2" in report and "Signature #3" not in report
    assert report.count("Signature Validation: Signature is Valid.") == 2

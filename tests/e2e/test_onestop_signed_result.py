"""The leader signs an approved birth registration's result from the dossier page with the demo
certificate; the citizen downloads it from their dossier and checks it on the public
verification page; the public lookup says a signed result exists."""

from django.conf import settings as django_settings
from playwright.sync_api import expect

from xaso.accounts.demo import demo_load
from xaso.accounts.models import User
from xaso.documents.demo import DEMO_PASSPHRASE, pki_demo_load
from xaso.onestop.models import Procedure
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.lifecycle import dossier_act

BIRTH = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912345678",
    "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
    "relationship": "me",
    "child_name": "Lê Minh An",
    "child_birth_date": "2026-03-01",
    "child_sex": "M",
    "child_birth_place": "Trạm y tế xã Yên Định",
    "child_ethnicity": "Kinh",
    "mother_name": "Trần Thị Bình",
}


def _approved_birth_registration():
    if not Procedure.objects.exists():
        procedures_load()
    commune = demo_load()
    users = {u.username: u for u in User.objects.filter(username__in=["motcua", "chuyenvien", "lanhdao"])}
    citizen = User.objects.get(username="0912345678")
    dossier = dossier_submit(
        actor=citizen,
        procedure=Procedure.objects.get(national_code="1.001193"),
        commune=commune,
        data=dict(BIRTH),
    )
    dossier = dossier_act(actor=users["motcua"], dossier=dossier, action="receive")
    dossier = dossier_act(
        actor=users["motcua"], dossier=dossier, action="assign", assignee=users["chuyenvien"]
    )
    for action in ("start", "propose"):
        dossier = dossier_act(actor=users["chuyenvien"], dossier=dossier, action=action)
    return dossier_act(actor=users["lanhdao"], dossier=dossier, action="approve")


def test_a_leader_signs_the_result_and_the_citizen_verifies_it(
    page, sign_in, transactional_db, settings, tmp_path
):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_demo_load()
    dossier = _approved_birth_registration()

    sign_in("lanhdao", django_settings.DEMO_PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    page.get_by_label("Mật khẩu hoặc mã PIN").fill("sai-mat-khau")
    page.get_by_role("button", name="Ký số kết quả").click()
    expect(page.get_by_text("Mật khẩu hoặc mã PIN không đúng.")).to_be_visible()
    page.get_by_label("Mật khẩu hoặc mã PIN").fill(DEMO_PASSPHRASE)
    page.get_by_role("button", name="Ký số kết quả").click()
    expect(page.get_by_text("Đã ký số kết quả.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("0912345678", django_settings.DEMO_PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải kết quả đã ký số (PDF)").click()
    saved = tmp_path / "trich-luc-khai-sinh.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    page.goto("/xac-thuc/")
    page.get_by_label("Tệp PDF đã ký").set_input_files(str(saved))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("Mọi chữ ký trong văn bản đều hợp lệ")).to_be_visible()

    page.goto(f"/tra-cuu/?ma={dossier.code}&t={dossier.token}")
    expect(page.get_by_text("Đã có kết quả được ký số.")).to_be_visible()

"""The whole issuance in a browser: the leader signs an approved birth registration's result;
the clerk finds it on the dashboard, is refused with a wrong PIN, then issues it with the
commune's seal; the citizen opens the public verification page from their dossier and sees
both signatures valid — the leader's personal certificate and the commune's seal."""

import re

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
    dossier = dossier_submit(
        actor=User.objects.get(username="0912345678"),
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


def test_the_leader_signs_the_clerk_issues_and_the_citizen_sees_both_signatures(
    page, sign_in, transactional_db, settings, tmp_path
):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_demo_load()
    dossier = _approved_birth_registration()

    sign_in("lanhdao", django_settings.DEMO_PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    page.get_by_label("Mật khẩu hoặc mã PIN").fill(DEMO_PASSPHRASE)
    page.get_by_role("button", name="Ký số kết quả").click()
    expect(page.get_by_text("Đã ký số kết quả.")).to_be_visible()
    expect(page.get_by_text("Đang chờ văn thư ban hành")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    # the clerk works from a phone: the list and the dossier page fit 360 px
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in("vanthu", django_settings.DEMO_PASSWORD)
    page.get_by_role("link", name=re.compile("kết quả đã ký chờ ban hành")).click()
    expect(page.get_by_role("heading", name=re.compile("Kết quả chờ ban hành"))).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name=dossier.code).click()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    seal_pin = page.get_by_label("Mã PIN hoặc mật khẩu của chứng thư số cơ quan")
    seal_pin.fill("sai-mat-khau")
    page.get_by_role("button", name="Ban hành và ký số cơ quan").click()
    expect(page.get_by_text("Mật khẩu hoặc mã PIN không đúng.")).to_be_visible()
    seal_pin.fill(DEMO_PASSPHRASE)
    page.get_by_role("button", name="Ban hành và ký số cơ quan").click()
    expect(page.get_by_text("Đã ban hành kết quả bằng chứng thư số của cơ quan.")).to_be_visible()
    expect(
        page.get_by_text(
            re.compile(r"Đã ban hành bằng chứng thư số của cơ quan, số \d+")
        )  # the register entry's number
    ).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("0912345678", django_settings.DEMO_PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    page.get_by_role("link", name="Kiểm tra chữ ký").click()
    expect(page.get_by_text("Mọi chữ ký trong văn bản đều hợp lệ")).to_be_visible()
    cards = page.locator(".report .card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("Chứng thư số cá nhân")
    expect(cards.nth(0)).to_contain_text("Hợp lệ")
    expect(cards.nth(1)).to_contain_text("Chứng thư số của cơ quan, tổ chức (con dấu)")
    expect(cards.nth(1)).to_contain_text("Hợp lệ")

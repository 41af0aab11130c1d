"""An extract copy in the browser, on the demo commune: the leader approving a request that
names no entry of the register is refused with the reason in Vietnamese; a request naming the
entry is approved, signed by the leader and issued by the clerk with the commune's seal under a
new number; the issued paper is the entry's copy, marked "(BẢN SAO)"."""

import re
from datetime import date

from django.conf import settings as django_settings
from django.urls import reverse
from playwright.sync_api import expect

from tests.support.signing import pdftext
from xaso.accounts.demo import demo_load
from xaso.accounts.models import User
from xaso.civil.models import EntryKind
from xaso.civil.services.entries import entry_record
from xaso.documents.demo import DEMO_PASSPHRASE, pki_demo_load
from xaso.onestop.models import Procedure
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.lifecycle import dossier_act

ASKED = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912345678",
    "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
    "record_kind": "khai_sinh",
    "copies": 1,
}


def _proposed(commune, users, person_name):
    dossier = dossier_submit(
        actor=User.objects.get(username="0912345678"),
        procedure=Procedure.objects.get(national_code="2.000635"),
        commune=commune,
        data={**ASKED, "person_name": person_name},
    )
    dossier = dossier_act(actor=users["motcua"], dossier=dossier, action="receive")
    dossier = dossier_act(
        actor=users["motcua"], dossier=dossier, action="assign", assignee=users["chuyenvien"]
    )
    for action in ("start", "propose"):
        dossier = dossier_act(actor=users["chuyenvien"], dossier=dossier, action=action)
    return dossier


def test_an_extract_copy_is_refused_without_an_entry_then_issued_from_it(
    page, sign_in, transactional_db, settings, tmp_path
):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    if not Procedure.objects.exists():
        procedures_load()
    commune = demo_load()
    pki_demo_load()
    users = {u.username: u for u in User.objects.filter(username__in=["motcua", "chuyenvien", "lanhdao"])}
    entry_record(
        actor=users["chuyenvien"],
        commune=commune,
        kind=EntryKind.BIRTH,
        data={
            "name": "Lê Minh Khôi",
            "birth_date": date(2026, 3, 1),
            "sex": "M",
            "place": "Trạm y tế xã Yên Định",
            "mother_name": "Trần Thị Bình",
        },
        registered_on=date(2026, 3, 20),
    )
    unknown = _proposed(commune, users, "Nguyễn Văn Không")
    named = _proposed(commune, users, "le minh khoi")

    sign_in("lanhdao", django_settings.DEMO_PASSWORD)
    page.goto(f"/ho-so/{unknown.code}/")
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.get_by_text(re.compile("Không tìm thấy việc hộ tịch nào")).first).to_be_visible()

    page.goto(f"/ho-so/{named.code}/")
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.get_by_text("Đã thực hiện.")).to_be_visible()
    page.get_by_label("Mật khẩu hoặc mã PIN").fill(DEMO_PASSPHRASE)
    page.get_by_role("button", name="Ký số kết quả").click()
    expect(page.get_by_text("Đã ký số kết quả.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("vanthu", django_settings.DEMO_PASSWORD)
    page.goto(f"/ho-so/{named.code}/")
    page.get_by_label("Mã PIN hoặc mật khẩu của chứng thư số cơ quan").fill(DEMO_PASSPHRASE)
    page.get_by_role("button", name="Ban hành và ký số cơ quan").click()
    expect(page.get_by_text("Đã ban hành kết quả bằng chứng thư số của cơ quan.")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Đã ban hành bằng chứng thư số của cơ quan, số 0\d/GXN-UBND"))
    ).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("0912345678", django_settings.DEMO_PASSWORD)  # the citizen downloads the copy
    pdf = page.request.get(reverse("onestop:result", args=[named.code])).body()
    text = " ".join(pdftext(pdf, tmp_path).split())
    assert "TRÍCH LỤC KHAI SINH" in text and "(BẢN SAO)" in text and "LÊ MINH KHÔI" in text

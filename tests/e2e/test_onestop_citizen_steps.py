"""Through the real pages, in Debian's chromium: a citizen withdraws a dossier only after
confirming with a reason; answers a supplement request, refused with nothing attached and
accepted with the paper; a one-stop officer files at the counter with a phone typed with
spaces, refused until each required paper is ticked as seen."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.files import PDF
from tests.support.dossiers import BIRTH_DATA
from xaso.onestop.models import Dossier, Procedure, Status
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.lifecycle import dossier_act


@pytest.fixture
def birth(transactional_db):
    if not Procedure.objects.exists():
        procedures_load()
    return Procedure.objects.get(national_code="1.001193")


def test_a_citizen_withdraws_only_after_giving_a_reason(page, sign_in, citizen, commune, birth):
    dossier = dossier_submit(actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA))
    sign_in("0912000001", f.PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    page.get_by_role("link", name="Rút hồ sơ").click()
    page.get_by_role("button", name="Đồng ý rút hồ sơ này").click()
    expect(page.get_by_role("alert").get_by_text("Hãy cho biết lý do rút hồ sơ.")).to_be_visible()
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED
    page.get_by_label("Vì sao bạn rút hồ sơ này?").fill("Đã nộp ở xã khác")
    page.get_by_role("button", name="Đồng ý rút hồ sơ này").click()
    expect(page.get_by_text("Hồ sơ của bạn đã được rút.")).to_be_visible()
    assert page.locator("#status").inner_text() == "Đã rút"
    expect(page.get_by_text("Đã nộp ở xã khác")).to_be_visible()


def test_a_supplement_is_refused_empty_then_accepted_with_the_paper(
    page, sign_in, citizen, commune, birth, one_stop_officer, specialist, tmp_path
):
    dossier = dossier_submit(actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA))
    dossier = dossier_act(actor=one_stop_officer, dossier=dossier, action="receive")
    dossier = dossier_act(actor=one_stop_officer, dossier=dossier, action="assign", assignee=specialist)
    dossier = dossier_act(actor=specialist, dossier=dossier, action="start")
    dossier_act(
        actor=specialist, dossier=dossier, action="request_supplement", note="Bổ sung giấy chứng sinh"
    )
    scan = tmp_path / "chung-sinh.pdf"
    scan.write_bytes(PDF)

    sign_in("0912000001", f.PASSWORD)
    page.goto(f"/ho-so/{dossier.code}/")
    page.get_by_role("link", name="Nộp bổ sung").click()
    expect(page.get_by_text("Bổ sung giấy chứng sinh")).to_be_visible()
    page.get_by_label("Tên giấy tờ").fill("Giấy chứng sinh")
    page.get_by_role("button", name="Nộp bổ sung").click()
    expect(page.get_by_role("alert").get_by_text("Hãy đính kèm giấy tờ được yêu cầu")).to_be_visible()
    assert page.get_by_label("Tên giấy tờ").input_value() == "Giấy chứng sinh"
    page.get_by_label("Giấy tờ được yêu cầu").set_input_files(str(scan))
    page.get_by_role("button", name="Nộp bổ sung").click()
    expect(page.get_by_text("Đã nộp bổ sung.")).to_be_visible()
    assert page.locator("#status").inner_text() == "Đã bổ sung"


def test_the_counter_files_once_every_paper_is_ticked(page, sign_in, commune, birth, one_stop_officer):
    sign_in("motcua", f.PASSWORD)
    page.goto("/mot-cua/tiep-nhan/")
    page.get_by_label(re.compile(r"^Họ và tên")).fill("Phạm Văn Dũng")
    page.get_by_label("Số điện thoại", exact=True).fill("0912 345 678")
    page.get_by_role("button", name="Tạo và tiếp tục").click()
    page.get_by_label("2. Thủ tục").select_option(label="Đăng ký khai sinh")
    page.get_by_role("button", name="Chọn").click()
    page.get_by_label("Số định danh cá nhân của người yêu cầu").fill("038190000123")
    page.get_by_role("textbox", name="Nơi cư trú", exact=True).fill("Thôn Phúc Lộc, xã Yên Định")
    page.get_by_label("Quan hệ với người được khai sinh").select_option(label="Mẹ")
    page.get_by_label("Họ, chữ đệm và tên người được khai sinh").fill("Lê Minh An")
    page.get_by_label("Ngày, tháng, năm sinh").fill("01/03/2026")
    page.get_by_label("Giới tính").select_option(label="Nam")
    page.get_by_label("Nơi sinh").fill("Trạm y tế xã Yên Định")
    page.get_by_role("textbox", name="Dân tộc", exact=True).fill("Kinh")
    page.get_by_label("Tờ khai đăng ký khai sinh").check()
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.get_by_role("alert").get_by_text(re.compile("Còn thiếu các giấy tờ sau"))).to_be_visible()
    assert page.get_by_label("Họ, chữ đệm và tên người được khai sinh").input_value() == "Lê Minh An"
    assert page.get_by_label("Tờ khai đăng ký khai sinh").is_checked()
    page.get_by_label("Giấy chứng sinh (hoặc văn bản của người làm chứng)").check()
    page.get_by_label("Giấy tờ tùy thân của người đi đăng ký").check()
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    assert page.locator("#status").inner_text() == "Đã tiếp nhận"
    dossier = Dossier.objects.get(applicant_name="Phạm Văn Dũng")
    assert dossier.profile.phone == "0912345678"

"""A one-stop officer signs in and sees, on the dossier queue's card, what is to do today; a
click on "late" lists exactly the late dossiers. The figures fit a 360 px phone."""

from datetime import timedelta

from playwright.sync_api import expect

from tests import factories as f
from xaso.core.calendar import local_today
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.services.catalogue import procedures_load


def _dossier(commune, code, status, due_in):
    Dossier.objects.create(
        code=code,
        token=code,
        commune=commune,
        procedure=Procedure.objects.first(),
        status=status,
        channel="counter",
        applicant_name=f"Người nộp {code}",
        due_date=local_today() + timedelta(days=due_in),
    )


def test_the_officer_sees_the_counts_clicks_late_and_sees_the_late_dossiers(page, sign_in, transactional_db):
    if not Procedure.objects.exists():  # a transactional test flushed what the migration loaded
        procedures_load()
    commune = f.commune("15469", "Xã Yên Định", f.province("38", "Thanh Hóa"))
    f.staff("one_stop_officer", commune_obj=commune, username="motcua")
    _dossier(commune, "TRE-1", "processing", -3)
    _dossier(commune, "TRE-2", "received", -1)
    _dossier(commune, "MOI-1", "submitted", 10)
    _dossier(commune, "DUNG-HAN", "processing", 10)

    page.set_viewport_size({"width": 360, "height": 780})
    sign_in("motcua", f.PASSWORD)
    card = page.locator("section.card", has=page.get_by_role("heading", name="Danh sách hồ sơ"))
    expect(card.get_by_role("link", name="2 chờ tiếp nhận")).to_be_visible()  # TRE-2 and MOI-1
    expect(card.get_by_role("link", name="2 đang giải quyết")).to_be_visible()
    late = card.get_by_role("link", name="2 trễ hạn")
    expect(late).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    late.click()
    page.wait_for_url("**/mot-cua/ho-so/?*due=late*")
    rows = page.get_by_role("table").get_by_role("row")
    shown = {code for code in ("TRE-1", "TRE-2", "MOI-1", "DUNG-HAN") if rows.get_by_text(code).count()}
    assert shown == {"TRE-1", "TRE-2"}
    assert page.get_by_label("Thời hạn").input_value() == "late"

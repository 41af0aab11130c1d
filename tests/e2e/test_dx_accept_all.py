"""A province supervisor reviews a submitted assessment in one click ("accept all indicators
not reviewed yet"), after returning none; another is returned with a comment per indicator
from one form — through the real pages, in Debian's chromium."""

from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from tests import factories as f
from tests.dx.factories import small_set
from tests.files import PDF
from xaso.dx.models import AssessmentStatus
from xaso.dx.services import assessments


def _submitted(dx_set, commune, leader):
    a = assessments.assessment_register(actor=leader, indicator_set=dx_set, commune=commune)
    for code, kwargs in {"A1": {"numerator": "10", "denominator": "10"}, "B1": {"amount": "1"}}.items():
        value = a.values.get(indicator__code=code)
        assessments.assessment_value_save(actor=leader, value=value, **kwargs)
        upload = SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf")
        assessments.evidence_add(actor=leader, value=value, upload=upload)
    return assessments.assessment_submit(actor=leader, assessment=a)


def test_the_province_accepts_all_then_decides(
    transactional_db, page, sign_in, province, commune, commune_leader, province_supervisor
):
    a = _submitted(small_set(province, 2025), commune, commune_leader)
    sign_in("sotinh", f.PASSWORD)
    page.goto(f"/cds/danh-gia/{a.pk}/")
    page.get_by_role("button", name="Chấp nhận tất cả 3 chỉ tiêu chưa thẩm định").click()
    expect(page.get_by_text("Đã chấp nhận 3 chỉ tiêu.")).to_be_visible()
    page.get_by_label("Số quyết định").fill("15/QĐ-BCĐ")
    page.get_by_role("button", name="Quyết định công nhận").click()
    a.refresh_from_db()
    assert a.status in (AssessmentStatus.RECOGNISED, AssessmentStatus.NOT_RECOGNISED)


def test_the_province_returns_with_a_comment_per_indicator(
    transactional_db, page, sign_in, province, commune, commune_leader, province_supervisor
):
    a = _submitted(small_set(province, 2025), commune, commune_leader)
    sign_in("sotinh", f.PASSWORD)
    page.goto(f"/cds/danh-gia/{a.pk}/")
    page.get_by_role("link", name="Trả lại xã kèm ý kiến từng chỉ tiêu").click()
    page.get_by_label("Ghi chú gửi xã").fill("Xem lại giúp")
    page.get_by_role("button", name="Trả lại xã").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.get_by_label("Ghi chú gửi xã").input_value() == "Xem lại giúp"
    page.get_by_label("A1 —").fill("Số hộ không khớp danh sách")
    page.get_by_role("button", name="Trả lại xã").click()
    a.refresh_from_db()
    assert a.status == AssessmentStatus.RETURNED
    assert a.values.get(indicator__code="A1").review_comment == "Số hộ không khớp danh sách"

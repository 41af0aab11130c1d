"""Reviewing a commune's assessment without one click per indicator: the province accepts
every indicator not reviewed yet at once (a returned one stays returned), and returns the
assessment with a comment per indicator in one form, refused with no comment and shown again
with what was typed."""

import pytest

from xaso.core.errors import Conflict
from xaso.dx.models import AssessmentStatus, ReviewStatus
from xaso.dx.services import assessments

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(filled, commune_leader):
    return assessments.assessment_submit(actor=commune_leader, assessment=filled)


def _statuses(a):
    return dict(a.values.values_list("indicator__code", "review_status"))


def test_one_click_accepts_every_indicator_not_reviewed_yet(submitted, province_supervisor, login):
    b1 = submitted.values.get(indicator__code="B1")
    assessments.assessment_value_review(
        actor=province_supervisor, value=b1, decision=ReviewStatus.RETURNED, comment="Thiếu biên bản"
    )
    client = login(province_supervisor)
    page = client.get(f"/cds/danh-gia/{submitted.pk}/").content.decode()
    assert 'id="accept-all"' in page
    response = client.post(f"/cds/danh-gia/{submitted.pk}/chap-nhan-tat-ca/")
    assert response.status_code == 302
    assert _statuses(submitted) == {"A1": "accepted", "B1": "returned", "C1": "accepted"}


def test_accepting_all_then_deciding_needs_no_other_click(
    submitted, province_supervisor, login, django_capture_on_commit_callbacks
):
    client = login(province_supervisor)
    client.post(f"/cds/danh-gia/{submitted.pk}/chap-nhan-tat-ca/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cds/danh-gia/{submitted.pk}/quyet-dinh/", {"decision_number": "5/QĐ"})
    submitted.refresh_from_db()
    assert submitted.status in (AssessmentStatus.RECOGNISED, AssessmentStatus.NOT_RECOGNISED)


def test_accept_all_is_refused_before_submission(filled, province_supervisor):
    with pytest.raises(Conflict):
        assessments.assessment_values_accept_pending(actor=province_supervisor, assessment=filled)


def test_a_commune_officer_cannot_accept_all(submitted, commune_leader, login):
    response = login(commune_leader).post(f"/cds/danh-gia/{submitted.pk}/chap-nhan-tat-ca/")
    assert response.status_code == 403
    assert set(_statuses(submitted).values()) == {"pending"}


def test_the_return_form_returns_each_commented_indicator_at_once(submitted, province_supervisor, login):
    a1, b1 = (submitted.values.get(indicator__code=c) for c in ("A1", "B1"))
    client = login(province_supervisor)
    page = client.get(f"/cds/danh-gia/{submitted.pk}/tra-lai/").content.decode()
    assert f'name="c{a1.pk}"' in page and f'name="c{b1.pk}"' in page
    response = client.post(
        f"/cds/danh-gia/{submitted.pk}/tra-lai/",
        {f"c{a1.pk}": "Số hộ không khớp danh sách", f"c{b1.pk}": "", "note": "Sửa và gửi lại"},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.RETURNED
    a1.refresh_from_db()
    assert a1.review_status == "returned" and a1.review_comment == "Số hộ không khớp danh sách"
    assert _statuses(submitted)["B1"] == "pending"
    assert submitted.events.latest("at").note == "Sửa và gửi lại"


def test_a_return_with_no_comment_is_refused_and_keeps_the_note(submitted, province_supervisor, login):
    response = login(province_supervisor).post(
        f"/cds/danh-gia/{submitted.pk}/tra-lai/", {"note": "Xem lại giúp"}
    )
    body = response.content.decode()
    assert response.status_code == 422 and "Xem lại giúp" in body and 'role="alert"' in body
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.SUBMITTED

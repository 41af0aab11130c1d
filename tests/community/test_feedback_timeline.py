"""Every move of a report is one timeline row written by the engine (old, new, action, actor,
note); the staff see the timeline, the public pages never name an officer; a page that shows a
status someone has since changed cannot overwrite their work."""

import pytest
from django.urls import reverse

from tests import factories as f
from xaso.community.models import FeedbackEvent, FeedbackStatus
from xaso.community.services.feedback import (
    feedback_answer,
    feedback_assign,
    feedback_merge,
    feedback_submit,
)
from xaso.community.workflow import FEEDBACK_FLOW
from xaso.core.errors import Conflict, NotAllowed
from xaso.core.models import AuditEvent

S = FeedbackStatus


def _report(commune, text="Đèn đường ngõ 3 hỏng."):
    return feedback_submit(actor=None, commune=commune, category="lighting", text=text)


def _steps(report):
    return list(report.events.values_list("action", "from_status", "to_status", "actor__username", "note"))


def test_each_transition_writes_one_timeline_row(one_stop_officer, specialist, commune):
    report, other = _report(commune), _report(commune, "Cột đèn nghiêng.")
    assert _steps(report) == []
    feedback_assign(actor=one_stop_officer, report=report, officer=specialist)
    feedback_assign(actor=one_stop_officer, report=report, officer=one_stop_officer)
    report = feedback_answer(actor=specialist, report=report, answer="Đã báo điện lực.")
    report = feedback_answer(actor=specialist, report=report, answer="Đã thay bóng.", resolve=True)
    feedback_merge(actor=one_stop_officer, report=other, into=report)
    assert _steps(report) == [
        ("assign", S.RECEIVED, S.ASSIGNED, "motcua", str(specialist)),
        ("assign", S.ASSIGNED, S.ASSIGNED, "motcua", str(one_stop_officer)),
        ("answer", S.ASSIGNED, S.ANSWERED, "chuyenvien", "Đã báo điện lực."),
        ("resolve", S.ANSWERED, S.RESOLVED, "chuyenvien", "Đã thay bóng."),
    ]
    assert _steps(other) == [("merge", S.RECEIVED, S.MERGED, "motcua", report.tracking_code)]
    assert (
        AuditEvent.objects.filter(action__startswith="feedback.").exclude(action="feedback.submit").count()
        == 5
    )


def test_a_refused_move_writes_no_row(one_stop_officer, commune):
    report = _report(commune)
    feedback_merge(actor=one_stop_officer, report=report, into=_report(commune, "Ngõ 3 tối."))
    with pytest.raises(Conflict):
        feedback_answer(actor=one_stop_officer, report=report, answer="x")
    assert FeedbackEvent.objects.filter(report=report).count() == 1


def test_the_engine_takes_the_roles_from_the_permission_table(village_head, commune):
    report = _report(commune)
    team_member = f.staff("digital_team_member", commune_obj=commune, username="todigital")
    # community.handle_feedback: commune staff and village heads, not the digital team.
    with pytest.raises(NotAllowed):
        FEEDBACK_FLOW.apply(report, "answer", actor=team_member, note="x")
    FEEDBACK_FLOW.apply(report, "answer", actor=village_head, note="Thôn đã báo xã.")
    assert report.events.get().actor == village_head


def test_the_staff_see_the_timeline_and_the_public_pages_name_no_officer(login, client, commune):
    officer = f.staff("one_stop_officer", commune_obj=commune, username="motcua9", full_name="Đỗ Thị Hạnh")
    report = _report(commune)
    feedback_answer(actor=officer, report=report, answer="Đã thay bóng.", resolve=True)
    page = login(officer).get(reverse("community:feedback_handle", args=[report.pk])).content.decode()
    assert "Đỗ Thị Hạnh" in page and "Đã trả lời và giải quyết xong" in page
    for public in (
        reverse("community:feedback_track", args=[report.tracking_code]),
        reverse("community:feedback_board", args=[commune.code]),
    ):
        body = client.get(public).content.decode()
        assert "Đã thay bóng." in body
        assert "Đỗ Thị Hạnh" not in body and "motcua9" not in body


def test_a_page_showing_an_old_status_cannot_overwrite_a_colleagues_answer(
    login, one_stop_officer, specialist, commune
):
    report = _report(commune)
    feedback_answer(actor=specialist, report=report, answer="Đã thay bóng.", resolve=True)
    response = login(one_stop_officer).post(
        reverse("community:feedback_handle", args=[report.pk]),
        {"answer": "Sẽ sửa tuần sau.", "expected_status": S.RECEIVED},
    )
    assert response.status_code == 422
    report.refresh_from_db()
    assert (report.status, report.answer) == (S.RESOLVED, "Đã thay bóng.")
    assert report.events.count() == 1

"""Two officers acting on one report at once: the engine locks the report's row and re-reads
its status, so one wins and the other is refused (409), and the timeline holds one step."""

import pytest

from tests import factories as f
from tests.support.race import race
from xaso.community.models import FeedbackReport, FeedbackStatus
from xaso.community.services.feedback import feedback_answer, feedback_merge, feedback_submit
from xaso.core.errors import Conflict, InvalidInput

pytestmark = pytest.mark.django_db(transaction=True)


def _report(commune, text="Đèn đường ngõ 3 hỏng."):
    return feedback_submit(actor=None, commune=commune, category="lighting", text=text)


def _copies(report, n=2):
    # Each officer holds the report as their page loaded it.
    return [FeedbackReport.objects.get(pk=report.pk) for _ in range(n)]


def test_two_officers_answering_one_report_at_once_cannot_both_win(one_stop_officer, commune):
    report = _report(commune)
    colleague = f.staff("specialist", commune_obj=commune, username="chuyenvien2")
    copies = _copies(report)
    results = race(
        lambda: feedback_answer(actor=one_stop_officer, report=copies[0], answer="Đã thay bóng."),
        lambda: feedback_answer(actor=colleague, report=copies[1], answer="Sẽ sửa tuần sau.", resolve=True),
    )
    assert sum(isinstance(r, FeedbackReport) for r in results) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    winner = next(r for r in results if isinstance(r, FeedbackReport))
    final = FeedbackReport.objects.get(pk=report.pk)
    assert (final.status, final.answer) == (winner.status, winner.answer)
    assert final.events.count() == 1


def test_an_answer_and_a_merge_at_once_leave_one_outcome(one_stop_officer, commune_leader, commune):
    first, again = _report(commune), _report(commune, "Ngõ 3 tối om.")
    copies = _copies(again)
    results = race(
        lambda: feedback_answer(actor=one_stop_officer, report=copies[0], answer="Đã thay bóng."),
        lambda: feedback_merge(actor=commune_leader, report=copies[1], into=first),
    )
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    final = FeedbackReport.objects.get(pk=again.pk)
    assert final.status in (FeedbackStatus.ANSWERED, FeedbackStatus.MERGED)
    assert final.events.count() == 1


def test_two_reports_merged_into_each_other_at_once_cannot_both_go(one_stop_officer, commune_leader, commune):
    a, b = _report(commune), _report(commune, "Ngõ 3 tối om.")
    (a1, a2), (b1, b2) = _copies(a), _copies(b)
    results = race(
        lambda: feedback_merge(actor=one_stop_officer, report=a1, into=b1),
        lambda: feedback_merge(actor=commune_leader, report=b2, into=a2),
    )
    assert sum(isinstance(r, FeedbackReport) for r in results) == 1, results
    assert sum(isinstance(r, InvalidInput) for r in results) == 1, results
    statuses = set(FeedbackReport.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True))
    assert statuses == {FeedbackStatus.MERGED, FeedbackStatus.RECEIVED}

"""The officer's merge box on a report's handling page: a mistyped or refused tracking code is
said on the page (the officer stays on the report), never a 404 or an error page."""

from django.urls import reverse

from xaso.community.models import FeedbackStatus
from xaso.community.services.feedback import feedback_submit


def _submit(commune):
    return feedback_submit(
        actor=None, commune=commune, category="lighting", text="Đèn đường ngõ 3 hỏng.", ip="10.0.0.1"
    )


def test_an_unknown_tracking_code_is_said_on_the_report_page(login, one_stop_officer, commune):
    report = _submit(commune)
    client = login(one_stop_officer)
    url = reverse("community:feedback_handle", args=[report.pk])
    response = client.post(url, {"into": "PA-NOSUCHONE"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    report.refresh_from_db()
    assert report.status != FeedbackStatus.MERGED


def test_merging_a_report_into_itself_is_said_on_the_report_page(login, one_stop_officer, commune):
    report = _submit(commune)
    client = login(one_stop_officer)
    url = reverse("community:feedback_handle", args=[report.pk])
    response = client.post(url, {"into": report.tracking_code}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    report.refresh_from_db()
    assert report.status != FeedbackStatus.MERGED

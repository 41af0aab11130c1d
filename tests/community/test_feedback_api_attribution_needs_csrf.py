"""POST /api/v1/community/feedback is open to anyone, so it skips ninja's CSRF check; a report is
therefore attributed to the session's user only when the request passes Django's CSRF check
(or carries a bearer token). A page on another site that makes a signed-in citizen's browser
post a report gets an anonymous report, never one in the citizen's name."""

from django.test import Client

from xaso.accounts.services import api_token_issue
from xaso.community.models import FeedbackReport

URL = "/api/v1/community/feedback"


def body(commune):
    return {"commune": commune.code, "category": "roads", "text": "Ổ gà trước nhà văn hóa"}


def test_a_cross_site_post_from_a_signed_in_browser_is_not_attributed_to_the_user(citizen, commune):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen, backend="xaso.accounts.backends.LoginBackend")
    response = browser.post(URL, body(commune), content_type="application/json")
    assert response.status_code == 201
    report = FeedbackReport.objects.get()
    assert report.reporter is None and report.reporter_name == ""


def test_a_csrf_checked_post_is_attributed_to_the_signed_in_user(citizen, commune):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen, backend="xaso.accounts.backends.LoginBackend")
    browser.get("/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post(URL, body(commune), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    assert FeedbackReport.objects.get().reporter == citizen


def test_a_post_with_a_bearer_token_is_attributed_to_the_token_user(citizen, commune):
    token = api_token_issue(user=citizen)
    response = Client(enforce_csrf_checks=True).post(
        URL, body(commune), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 201
    assert FeedbackReport.objects.get().reporter == citizen


def test_a_post_with_a_forged_token_is_anonymous(commune):
    response = Client(enforce_csrf_checks=True).post(
        URL, body(commune), content_type="application/json", HTTP_AUTHORIZATION="Bearer forged"
    )
    assert response.status_code == 201
    assert FeedbackReport.objects.get().reporter is None

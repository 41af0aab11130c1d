"""Issue 16, LOW: sign-ins, failed tries and token issuance are in the audit chain, thinned so
that a password holder or a guesser cannot flood it; what is not written is counted."""

import time

import pytest
from django.core.cache import cache

from tests.factories import PASSWORD
from xaso.core.audit import actor_label, audit_verify
from xaso.core.models import AuditEvent


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def test_a_failed_sign_in_is_audited_against_the_account(client, one_stop_officer):
    client.post("/dang-nhap/", {"username": "motcua", "password": "wrong"})
    [event] = events("signin.fail")
    assert event.target_id == str(one_stop_officer.pk)
    assert event.actor_label == "anonymous"
    assert event.changes == {"door": "page"}
    assert "wrong" not in str(event.changes) and "wrong" not in event.summary


def test_a_try_on_an_unknown_account_keeps_no_identifier(client, db):
    client.post("/dang-nhap/", {"username": "0912 000 111", "password": "wrong"})
    [event] = events("signin.fail")
    assert event.target_id == ""
    assert "0912" not in event.summary and "0912" not in str(event.changes)


def test_a_successful_sign_in_is_audited_by_its_door(client, one_stop_officer, system_admin):
    client.post("/dang-nhap/", {"username": "motcua", "password": PASSWORD})
    client.post("/quan-tri/login/", {"username": "quantri", "password": PASSWORD})
    doors = [(e.actor_label, e.changes["door"]) for e in events("signin.success")]
    assert doors == [(actor_label(one_stop_officer), "page"), (actor_label(system_admin), "admin")]


def test_the_api_audits_failed_tries_and_issued_tokens(client, one_stop_officer):
    body = {"username": "motcua", "password": "wrong"}
    client.post("/api/v1/auth/token", body, content_type="application/json")
    body["password"] = PASSWORD
    assert client.post("/api/v1/auth/token", body, content_type="application/json").status_code == 200
    assert [e.changes["door"] for e in events("signin.fail")] == ["api"]
    assert len(events("api_token.issue")) == 1


def test_failed_tries_past_the_share_are_counted_not_written(client, one_stop_officer, monkeypatch, settings):
    settings.XASO_RATE_LIMITS = {"accounts.signin_audit": (3, 900)}
    for i in range(12):
        # Locked tries count too: a guesser hammering a locked account is still thinned.
        client.post("/dang-nhap/", {"username": "motcua", "password": "wrong"}, REMOTE_ADDR=f"10.9.0.{i}")
    assert len(events("signin.fail")) == 3
    # The next window's first event says how many were not written.
    monkeypatch.setattr("xaso.core.ratelimit.time", FakeClock(offset=900))
    client.post("/dang-nhap/", {"username": "motcua", "password": "wrong"}, REMOTE_ADDR="10.9.1.1")
    assert events("signin.fail")[-1].changes == {"door": "page", "unrecorded_before": 9}
    assert audit_verify().ok


def test_a_password_holder_cannot_issue_tokens_without_end(client, one_stop_officer, settings):
    settings.XASO_RATE_LIMITS = {"accounts.token_issue": (2, 3600)}
    body = {"username": "motcua", "password": PASSWORD}
    codes = [
        client.post("/api/v1/auth/token", body, content_type="application/json").status_code for _ in range(4)
    ]
    assert codes == [200, 200, 429, 429]
    assert len(events("api_token.issue")) == 2


class FakeClock:
    def __init__(self, offset):
        self.offset = offset
        self.real = time.time

    def time(self):
        return self.real() + self.offset

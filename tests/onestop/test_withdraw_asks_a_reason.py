"""Withdrawing a dossier ("Rút hồ sơ") is never one tap: the dossier's page links to a
confirmation page that asks for the reason; the reason is required (on the page and in the
service, so the API too), shown again with what was typed when refused, and kept in the
dossier's timeline and the audit log."""

import pytest

from xaso.core.errors import InvalidInput
from xaso.core.models import AuditEvent
from xaso.onestop.models import Status
from xaso.onestop.services.lifecycle import dossier_act

pytestmark = pytest.mark.django_db


def test_one_tap_on_the_dossier_page_does_not_withdraw(login, citizen, file_birth):
    dossier = file_birth()
    response = login(citizen).post(f"/ho-so/{dossier.code}/thao-tac/", {"action": "withdraw"})
    assert response.status_code == 302 and response["Location"] == f"/ho-so/{dossier.code}/rut/"
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED


def test_the_confirmation_page_asks_for_the_reason(login, citizen, file_birth):
    dossier = file_birth()
    page = login(citizen).get(f"/ho-so/{dossier.code}/rut/").content.decode()
    assert 'name="note"' in page and "Vì sao" in page


def test_no_reason_is_refused_and_the_dossier_stays(login, citizen, file_birth):
    dossier = file_birth()
    response = login(citizen).post(f"/ho-so/{dossier.code}/rut/", {"note": "   "})
    assert response.status_code == 422 and "rút hồ sơ" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED


def test_the_reason_is_kept_in_the_timeline_and_the_audit(login, citizen, file_birth):
    dossier = file_birth()
    response = login(citizen).post(
        f"/ho-so/{dossier.code}/rut/", {"note": "Đã nộp ở xã khác", "expected_status": "submitted"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAWN
    assert dossier.events.get(action="withdraw").note == "Đã nộp ở xã khác"
    assert AuditEvent.objects.filter(action="dossier.withdraw", summary="Đã nộp ở xã khác").exists()
    page = login(citizen).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Đã nộp ở xã khác" in page


def test_the_service_refuses_a_withdrawal_without_a_reason(citizen, file_birth):
    dossier = file_birth()
    with pytest.raises(InvalidInput) as refused:
        dossier_act(actor=citizen, dossier=dossier, action="withdraw")
    assert refused.value.field == "note"


def test_an_officer_cannot_withdraw_for_the_citizen(login, one_stop_officer, file_birth):
    dossier = file_birth()
    response = login(one_stop_officer).post(f"/ho-so/{dossier.code}/rut/", {"note": "Thử"})
    assert response.status_code in (403, 422)
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED

"""A page of households or of feedback (with reporters' phones) read through the API is audited
like the Excel export: who, what, how many rows, format "api", whether contacts were masked."""

from tests.support.households import household
from xaso.community.services.feedback import feedback_submit
from xaso.core.audit import audit_verify
from xaso.core.models import AuditEvent

API = "/api/v1/community"


def test_a_page_of_households_read_through_the_api_is_audited(login, specialist, commune, village):
    household(commune, village, "HK-1", contact_phone="0912345678")
    household(commune, village, "HK-2")
    assert login(specialist).get(f"{API}/households?limit=50").status_code == 200
    event = AuditEvent.objects.get(action="export.households")
    assert (event.actor_id, event.commune_code) == (specialist.pk, "")
    assert event.changes == {"what": "households", "rows": 2, "format": "api", "masked": True}
    assert audit_verify().ok


def test_a_page_of_feedback_with_phones_read_through_the_api_is_audited(login, one_stop_officer, commune):
    feedback_submit(actor=None, commune=commune, category="roads", text="Ổ gà", phone="0912345678")
    response = login(one_stop_officer).get(f"{API}/feedback?commune={commune.code}")
    assert response.json()["items"][0]["reporter_phone"] == "0912345678"
    event = AuditEvent.objects.get(action="export.feedback")
    assert (event.actor_id, event.commune_code) == (one_stop_officer.pk, commune.code)
    assert event.changes == {"what": "feedback", "rows": 1, "format": "api"}


def test_an_empty_page_reads_nobody_and_is_not_recorded(login, one_stop_officer, commune):
    assert login(one_stop_officer).get(f"{API}/households").json()["count"] == 0
    assert not AuditEvent.objects.filter(action__startswith="export.").exists()

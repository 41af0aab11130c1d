"""The one-stop report's Excel names officers: every download is audited (who, how many rows)."""

from unittest import mock

import pytest

from tests.support.dossiers import TUESDAY_9AM
from xaso.core.audit import audit_verify
from xaso.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_report_download_leaves_an_audit_entry(login, file_birth, walk, province_supervisor, commune):
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_9AM):
        walk(file_birth(), "assign")
    response = login(province_supervisor).get(
        "/mot-cua/bao-cao.xlsx", {"tu": "01/03/2026", "den": "31/03/2026"}
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="export.onestop.report")
    assert event.actor_id == province_supervisor.pk
    # one procedure, one officer (the assignee), one commune
    assert event.changes == {"what": "onestop.report", "rows": 3, "format": "xlsx"}
    assert audit_verify().ok


def test_the_report_page_itself_is_not_an_export(login, commune_leader):
    assert login(commune_leader).get("/mot-cua/bao-cao/").status_code == 200
    assert not AuditEvent.objects.filter(action__startswith="export.").exists()

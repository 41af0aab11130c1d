import subprocess
from datetime import date, timedelta
from unittest import mock

import pytest

from tests.support.dossiers import TUESDAY_9AM
from xaso.core.errors import Conflict, InvalidInput
from xaso.notify.models import Notification
from xaso.onestop.models import Dossier
from xaso.onestop.services.deadlines import dossiers_flag_late
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.tasks import sweep_late

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(file_birth, walk):
    """A same-day birth registration filed on Tuesday 10 March 2026, assigned, never settled."""
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_9AM):
        return walk(file_birth(), "assign")


def test_the_sweep_flags_a_dossier_past_its_due_date_once(late):
    assert dossiers_flag_late(today=date(2026, 3, 11)) == 1
    assert Dossier.objects.get(pk=late.pk).late_flagged_on == date(2026, 3, 11)
    assert dossiers_flag_late(today=date(2026, 3, 12)) == 0


def test_the_sweep_leaves_dossiers_due_today_alone(late):
    assert dossiers_flag_late(today=date(2026, 3, 10)) == 0


def test_the_sweep_tells_the_handler_and_the_leaders(late, specialist, commune_leader, citizen):
    dossiers_flag_late(today=date(2026, 3, 11))
    for person in (specialist, commune_leader):
        assert Notification.objects.filter(recipient=person, body__contains=late.code).exists()


def test_a_paused_dossier_is_not_late(late, specialist):
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_9AM):
        dossier = dossier_act(actor=specialist, dossier=late, action="start")
        dossier_act(actor=specialist, dossier=dossier, action="request_supplement", note="Thiếu giấy")
    assert dossiers_flag_late(today=date(2026, 3, 20)) == 0


def test_the_task_runs_the_sweep(late):
    with mock.patch("xaso.onestop.tasks.dossiers_flag_late", return_value=7) as sweep:
        assert sweep_late.call() == 7
    sweep.assert_called_once_with()


def test_a_late_dossier_gets_an_apology_with_a_new_date(late, one_stop_officer):
    new = date.today() + timedelta(days=3)
    dossier = dossier_act(
        actor=one_stop_officer, dossier=late, action="apologise", note="Chờ xác minh", new_date=new
    )
    assert dossier.apology_date == new
    assert dossier.status == late.status  # the status does not move
    assert dossier.events.filter(action="apologise").exists()


def test_an_apology_needs_a_future_date_and_a_reason(late, one_stop_officer):
    with pytest.raises(InvalidInput):
        dossier_act(actor=one_stop_officer, dossier=late, action="apologise", note="x")
    with pytest.raises(InvalidInput):
        dossier_act(
            actor=one_stop_officer,
            dossier=late,
            action="apologise",
            new_date=date.today() + timedelta(days=1),
        )


def test_a_dossier_on_time_cannot_be_apologised_for(file_birth, one_stop_officer):
    dossier = file_birth()
    Dossier.objects.filter(pk=dossier.pk).update(due_date=date.today() + timedelta(days=5))
    dossier.refresh_from_db()
    with pytest.raises(Conflict):
        dossier_act(
            actor=one_stop_officer,
            dossier=dossier,
            action="apologise",
            note="x",
            new_date=date.today() + timedelta(days=9),
        )


def test_the_apology_letter_is_a_pdf_with_the_new_date(late, one_stop_officer, login, citizen):
    new = date.today() + timedelta(days=3)
    dossier_act(actor=one_stop_officer, dossier=late, action="apologise", note="Chờ xác minh", new_date=new)
    response = login(citizen).get(f"/ho-so/{late.code}/xin-loi.pdf")
    assert response.status_code == 200
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert new.strftime("%d/%m/%Y") in text
    assert "Chờ xác minh" in text
    assert late.code in text

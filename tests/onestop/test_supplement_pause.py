from datetime import date, timedelta
from unittest import mock

import pytest

from tests.onestop import files
from tests.support.dossiers import TUESDAY_9AM
from xaso.core.errors import InvalidInput
from xaso.onestop.models import Procedure, Status
from xaso.onestop.selectors import DueState, due_state
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.services.papers import dossier_file_add

pytestmark = pytest.mark.django_db

DATA = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912000001",
    "applicant_address": "Thôn Phúc Lộc",
    "recognised_name": "Lê Văn Cường",
    "recognised_birth_date": "2010-05-05",
    "relation": "con",
}


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def in_processing(citizen, commune, one_stop_officer, specialist):
    procedure = Procedure.objects.get(code="dang-ky-nhan-cha-me-con")  # 3 working days
    with at(TUESDAY_9AM):
        dossier = dossier_submit(actor=citizen, procedure=procedure, commune=commune, data=DATA)
        dossier = dossier_act(actor=one_stop_officer, dossier=dossier, action="receive")
        dossier = dossier_act(actor=one_stop_officer, dossier=dossier, action="assign", assignee=specialist)
        dossier = dossier_act(actor=specialist, dossier=dossier, action="start")
    assert dossier.due_date == date(2026, 3, 13)
    return dossier


def test_a_supplement_request_needs_a_note(in_processing, specialist):
    with pytest.raises(InvalidInput):
        dossier_act(actor=specialist, dossier=in_processing, action="request_supplement")


def test_the_clock_pauses_while_a_supplement_is_awaited(in_processing, specialist, citizen):
    # Asked on Wednesday 11 March, answered on Monday 16 March: Thu, Fri, Mon were waited.
    with at(TUESDAY_9AM + timedelta(days=1)):
        dossier = dossier_act(
            actor=specialist,
            dossier=in_processing,
            action="request_supplement",
            note="Bổ sung giấy khai sinh",
        )
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    assert due_state(dossier, today=date(2026, 3, 20)) == DueState.PAUSED
    with at(TUESDAY_9AM + timedelta(days=6)):
        dossier_file_add(actor=citizen, dossier=dossier, upload=files.pdf(), label="Giấy khai sinh")
        dossier = dossier_act(actor=citizen, dossier=dossier, action="resubmit")
    assert dossier.status == Status.RESUBMITTED
    assert dossier.due_date == date(2026, 3, 18)
    assert dossier.original_due_date == date(2026, 3, 13)
    assert dossier.paused_on is None


def test_a_same_day_answer_does_not_move_the_due_date(in_processing, specialist, citizen):
    with at(TUESDAY_9AM + timedelta(hours=2)):
        dossier = dossier_act(actor=specialist, dossier=in_processing, action="request_supplement", note="x")
        dossier_file_add(actor=citizen, dossier=dossier, upload=files.pdf(), label="Giấy tờ bổ sung")
        dossier = dossier_act(actor=citizen, dossier=dossier, action="resubmit")
    assert dossier.due_date == date(2026, 3, 13)


def test_the_assignee_resumes_after_a_resubmission(in_processing, specialist, one_stop_officer):
    dossier = dossier_act(actor=specialist, dossier=in_processing, action="request_supplement", note="x")
    # at the counter: the officer scans what the citizen brought
    dossier_file_add(actor=one_stop_officer, dossier=dossier, upload=files.pdf(), label="Giấy tờ bổ sung")
    dossier = dossier_act(actor=one_stop_officer, dossier=dossier, action="resubmit")
    dossier = dossier_act(actor=specialist, dossier=dossier, action="start")
    assert dossier.status == Status.PROCESSING


def test_a_resubmission_can_correct_the_answers(in_processing, specialist, citizen):
    dossier = dossier_act(
        actor=specialist, dossier=in_processing, action="request_supplement", note="Sai tên"
    )
    dossier = dossier_act(
        actor=citizen, dossier=dossier, action="resubmit", data=dict(DATA, recognised_name="Lê Văn Cương")
    )
    assert dossier.data["recognised_name"] == "Lê Văn Cương"


def test_due_state_is_on_time_due_soon_then_late(in_processing):
    assert due_state(in_processing, today=date(2026, 3, 10)) == DueState.ON_TIME
    assert due_state(in_processing, today=date(2026, 3, 12)) == DueState.DUE_SOON
    assert due_state(in_processing, today=date(2026, 3, 13)) == DueState.DUE_SOON
    assert due_state(in_processing, today=date(2026, 3, 16)) == DueState.LATE

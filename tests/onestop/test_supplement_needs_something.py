"""Answering a supplement request ("Nộp bổ sung") brings something: a paper attached since the
request, or corrected answers. A resubmission with nothing is refused with a message, and the
dossier stays awaiting its supplement."""

import pytest

from tests.onestop import files
from tests.support.dossiers import BIRTH_DATA
from xaso.core.errors import InvalidInput
from xaso.onestop.models import Status
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.services.papers import dossier_file_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(file_birth, walk, specialist):
    dossier = walk(file_birth(), "start")
    return dossier_act(
        actor=specialist, dossier=dossier, action="request_supplement", note="Bổ sung giấy chứng sinh"
    )


@pytest.mark.parametrize("who", ["citizen", "one_stop_officer"])
def test_a_resubmission_with_nothing_attached_is_refused(request, awaiting, who):
    with pytest.raises(InvalidInput) as refused:
        dossier_act(actor=request.getfixturevalue(who), dossier=awaiting, action="resubmit")
    assert refused.value.field == "file"
    awaiting.refresh_from_db()
    assert awaiting.status == Status.SUPPLEMENT_REQUESTED


def test_the_same_answers_again_are_nothing(awaiting, citizen):
    with pytest.raises(InvalidInput):
        dossier_act(actor=citizen, dossier=awaiting, action="resubmit", data=dict(awaiting.data))


def test_a_paper_attached_before_the_request_does_not_count(
    file_birth, walk, specialist, citizen, one_stop_officer
):
    dossier = file_birth()
    dossier_file_add(actor=one_stop_officer, dossier=dossier, upload=files.pdf(), label="Giấy chứng sinh")
    dossier = walk(dossier, "start")
    dossier = dossier_act(actor=specialist, dossier=dossier, action="request_supplement", note="Thiếu giấy")
    with pytest.raises(InvalidInput):
        dossier_act(actor=citizen, dossier=dossier, action="resubmit")


def test_a_paper_attached_since_the_request_lets_it_through(awaiting, citizen):
    dossier_file_add(actor=citizen, dossier=awaiting, upload=files.pdf(), label="Giấy chứng sinh")
    assert dossier_act(actor=citizen, dossier=awaiting, action="resubmit").status == Status.RESUBMITTED


def test_corrected_answers_let_it_through(awaiting, citizen):
    data = dict(BIRTH_DATA, child_name="Lê Minh Anh")
    dossier = dossier_act(actor=citizen, dossier=awaiting, action="resubmit", data=data)
    assert dossier.status == Status.RESUBMITTED and dossier.data["child_name"] == "Lê Minh Anh"


def test_the_page_says_why(login, awaiting, citizen):
    response = login(citizen).post(f"/ho-so/{awaiting.code}/thao-tac/", {"action": "resubmit"}, follow=True)
    assert "msg-error" in response.content.decode()
    assert "Đính kèm" in response.content.decode() or "đính kèm" in response.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.status == Status.SUPPLEMENT_REQUESTED

import datetime as dt

import pytest
from django.utils import timezone

from tests import factories as f
from tests.files import PDF
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.documents.models import DocumentStatus
from xaso.documents.registry.services import (
    document_act,
    document_assign,
    document_comment,
    incoming_register,
)


@pytest.fixture
def incoming(media_root, clerk, commune):
    return incoming_register(
        actor=clerk,
        commune=commune,
        kind="CV",
        title="Công văn về việc rà soát hộ nghèo",
        sender="Sở Lao động",
        number_symbol="123/SLĐ-BTXH",
    )


def test_the_flow_runs_register_assign_handle_done(incoming, clerk, specialist):
    deadline = timezone.localdate() + dt.timedelta(days=5)
    doc = document_assign(actor=clerk, document=incoming, handler=specialist, deadline=deadline)
    assert (doc.status, doc.handler, doc.deadline) == (DocumentStatus.ASSIGNED, specialist, deadline)
    doc = document_act(actor=specialist, document=doc, action="start")
    doc = document_act(actor=specialist, document=doc, action="finish", note="Đã báo cáo")
    assert doc.status == DocumentStatus.DONE
    assert [e.action for e in doc.events.all()] == ["register", "assign", "start", "finish"]


def test_only_the_handler_starts_the_work(incoming, clerk, specialist, one_stop_officer):
    doc = document_assign(actor=clerk, document=incoming, handler=specialist, deadline=None)
    with pytest.raises(NotAllowed):
        document_act(actor=one_stop_officer, document=doc, action="start")


def test_a_specialist_cannot_assign(incoming, specialist):
    with pytest.raises(NotAllowed):
        document_assign(actor=specialist, document=incoming, handler=specialist, deadline=None)


def test_a_handler_of_another_commune_is_refused(incoming, clerk, other_officer):
    with pytest.raises(InvalidInput) as caught:
        document_assign(actor=clerk, document=incoming, handler=other_officer, deadline=None)
    assert caught.value.field == "handler"


def test_a_done_document_cannot_be_started_again(incoming, clerk, specialist):
    doc = document_assign(actor=clerk, document=incoming, handler=specialist, deadline=None)
    doc = document_act(actor=specialist, document=doc, action="finish")
    with pytest.raises(Conflict):
        document_act(actor=specialist, document=doc, action="start")


def test_a_document_past_its_deadline_is_flagged_overdue(incoming, clerk, specialist):
    doc = document_assign(
        actor=clerk,
        document=incoming,
        handler=specialist,
        deadline=timezone.localdate() + dt.timedelta(days=1),
    )
    assert not doc.is_overdue
    doc.deadline = timezone.localdate() - dt.timedelta(days=1)
    assert doc.is_overdue
    doc.status = DocumentStatus.DONE
    assert not doc.is_overdue


def test_comments_and_attachments_join_the_timeline(incoming, specialist):
    event = document_comment(
        actor=specialist, document=incoming, note="Cần số liệu thôn", attachment=("so-lieu.html", PDF)
    )
    assert event.attachment.read() == PDF and event.attachment.name.endswith(".pdf")
    assert incoming.events.filter(action="comment").count() == 1


def test_an_officer_of_another_commune_cannot_comment(incoming, other_officer):
    with pytest.raises(NotAllowed):
        document_comment(actor=other_officer, document=incoming, note="x")


def test_an_officer_of_another_commune_cannot_register_here(media_root, commune, other_commune):
    other_clerk = f.staff("clerk", commune_obj=other_commune, username="vanthu_khac")
    with pytest.raises(NotAllowed):
        incoming_register(actor=other_clerk, commune=commune, kind="CV", title="x", sender="y")

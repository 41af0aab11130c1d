"""A correction amends the entry and keeps the values before it, with who, when, why and on
which decision: nothing is overwritten silently."""

from datetime import date

import pytest

from xaso.civil.models import EntryAmendment, RegisterEntry
from xaso.civil.services.entries import entry_amend
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.core.models import AuditEvent

pytestmark = pytest.mark.django_db
DECISION = "Quyết định số 12/QĐ-UBND ngày 05/12/2026"


def test_a_correction_changes_the_entry_and_records_before_and_after(register, specialist):
    entry = register()
    entry_amend(
        actor=specialist,
        entry=entry,
        changes={"name": "Lê Minh Anh", "birth_date": "02/03/2026"},
        reason="Cải chính theo giấy chứng sinh",
        decision=DECISION,
    )
    entry = RegisterEntry.objects.get(pk=entry.pk)
    assert (entry.name, entry.name_folded, entry.birth_date) == (
        "Lê Minh Anh",
        "le minh anh",
        date(2026, 3, 2),
    )
    amendment = EntryAmendment.objects.get(entry=entry)
    assert amendment.changes == {
        "name": ["Lê Minh An", "Lê Minh Anh"],
        "birth_date": ["2026-03-01", "2026-03-02"],
    }
    assert (amendment.actor, amendment.reason, amendment.decision) == (
        specialist,
        "Cải chính theo giấy chứng sinh",
        DECISION,
    )
    assert AuditEvent.objects.filter(action="register_entry.amend", target_id=str(entry.pk)).exists()


def test_each_correction_adds_to_the_history(register, specialist, commune_leader):
    entry = register()
    entry_amend(
        actor=specialist, entry=entry, changes={"place": "Bệnh viện huyện"}, reason="a", decision="QĐ 1"
    )
    entry_amend(
        actor=commune_leader, entry=entry, changes={"place": "Trạm y tế"}, reason="b", decision="QĐ 2"
    )
    history = list(
        EntryAmendment.objects.filter(entry=entry).order_by("pk").values_list("changes", flat=True)
    )
    assert history == [
        {"place": ["Trạm y tế xã Yên Định", "Bệnh viện huyện"]},
        {"place": ["Bệnh viện huyện", "Trạm y tế"]},
    ]


@pytest.mark.parametrize(
    ("reason", "decision", "field"),
    [("", DECISION, "reason"), ("Cải chính", "", "decision")],
)
def test_a_correction_needs_a_reason_and_a_decision(register, specialist, reason, decision, field):
    entry = register()
    with pytest.raises(InvalidInput) as refused:
        entry_amend(
            actor=specialist, entry=entry, changes={"name": "Lê Minh Anh"}, reason=reason, decision=decision
        )
    assert refused.value.field == field
    assert RegisterEntry.objects.get(pk=entry.pk).name == "Lê Minh An"


def test_a_correction_that_changes_nothing_is_refused(register, specialist):
    entry = register()
    with pytest.raises(InvalidInput) as refused:
        entry_amend(actor=specialist, entry=entry, changes={"name": "Lê Minh An"}, reason="x", decision="QĐ")
    assert refused.value.field == "name"
    assert not EntryAmendment.objects.exists()


def test_the_number_and_book_cannot_be_amended(register, specialist):
    entry = register()
    with pytest.raises(InvalidInput) as refused:
        entry_amend(actor=specialist, entry=entry, changes={"number": 9}, reason="x", decision="QĐ")
    assert refused.value.field == "number"


def test_a_correction_cannot_put_the_birth_after_the_registration(register, specialist):
    entry = register()
    with pytest.raises(InvalidInput) as refused:
        entry_amend(
            actor=specialist, entry=entry, changes={"birth_date": "2026-04-01"}, reason="x", decision="QĐ"
        )
    assert refused.value.field == "birth_date"


def test_an_officer_who_does_not_amend_the_register_is_refused(register, one_stop_officer, other_officer):
    entry = register()
    for actor in (one_stop_officer, other_officer):
        with pytest.raises(NotAllowed):
            entry_amend(actor=actor, entry=entry, changes={"name": "X Y"}, reason="x", decision="QĐ")

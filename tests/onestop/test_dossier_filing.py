from unittest import mock

import pytest

from tests.support.dossiers import BIRTH_DATA, TUESDAY_9AM, attach_required_papers
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.core.models import AuditEvent
from xaso.notify.models import Notification
from xaso.onestop.models import Channel, Status
from xaso.onestop.services.filing import dossier_draft_save, dossier_submit

pytestmark = pytest.mark.django_db


def test_filing_online_gives_a_code_a_receipt_time_and_a_due_date(file_birth, commune):
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_9AM):
        dossier = file_birth()
    assert dossier.status == Status.SUBMITTED
    assert dossier.channel == Channel.ONLINE
    assert dossier.code == f"{commune.code}-260310-0001"
    assert dossier.due_date.isoformat() == "2026-03-10"  # birth: within the day


def test_a_dossier_filed_after_three_pm_is_due_the_next_working_day(file_birth):
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_9AM.replace(hour=15, minute=30)):
        dossier = file_birth()
    assert dossier.due_date.isoformat() == "2026-03-11"


def test_filing_writes_the_first_event_of_the_timeline_and_an_audit_entry(file_birth, citizen):
    dossier = file_birth()
    event = dossier.events.get()
    assert (event.from_status, event.to_status, event.actor_id) == (
        Status.DRAFT,
        Status.SUBMITTED,
        citizen.pk,
    )
    assert AuditEvent.objects.filter(action="dossier.submit", target_id=str(dossier.pk)).exists()


def test_filing_tells_the_citizen(file_birth, citizen):
    dossier = file_birth()
    assert Notification.objects.filter(recipient=citizen, body__contains=dossier.code).exists()


def test_a_form_that_fails_validation_files_nothing(citizen, commune, birth):
    data = dict(BIRTH_DATA, child_birth_date="32/13/2026")
    with pytest.raises(InvalidInput) as exc:
        dossier_submit(actor=citizen, procedure=birth, commune=commune, data=data)
    assert exc.value.field == "child_birth_date"
    assert not citizen.dossiers.exists()


def test_an_anonymous_visitor_cannot_file(commune, birth):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed):
        dossier_submit(actor=AnonymousUser(), procedure=birth, commune=commune, data=dict(BIRTH_DATA))


def test_a_draft_keeps_partial_answers_and_gets_no_code(citizen, commune, birth):
    draft = dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data={"child_name": "Lê An"})
    assert draft.status == Status.DRAFT
    assert draft.code is None
    assert draft.data == {"child_name": "Lê An"}


def test_a_draft_is_submitted_as_the_same_dossier(citizen, commune, birth):
    draft = dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data={"child_name": "Lê An"})
    attach_required_papers(draft, citizen)
    filed = dossier_submit(
        actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA), dossier=draft
    )
    assert filed.pk == draft.pk
    assert filed.status == Status.SUBMITTED


def test_codes_count_up_within_a_commune_and_a_day(file_birth, commune):
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_9AM):
        codes = [file_birth().code for _ in range(3)]
    assert codes == [f"{commune.code}-260310-{n:04d}" for n in (1, 2, 3)]


def test_each_commune_has_its_own_sequence(file_birth, other_commune, birth):
    from tests import factories as f

    other_citizen = f.citizen(commune_obj=other_commune)
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_9AM):
        first = file_birth()
        second = dossier_submit(
            actor=other_citizen, procedure=birth, commune=other_commune, data=dict(BIRTH_DATA)
        )
    assert first.code.endswith("-0001") and second.code.endswith("-0001")
    assert first.code != second.code

"""Officers' notes are either internal (the commune's staff only) or to the citizen, as the
officer chooses; the citizen sees only notes to them — on the dossier page, in the API, in
the message they get and in their data download — and the staff pages say which is which.
A note the citizen must read (a supplement asked, a refusal) is never internal."""

from importlib import import_module

import pytest
from django.apps import apps

from xaso.notify.models import Notification
from xaso.onestop.personal_data import dossiers_of
from xaso.onestop.services.lifecycle import dossier_act

pytestmark = pytest.mark.django_db

SECRET = "Hồ sơ này cần kiểm tra kỹ giấy chứng sinh"


@pytest.fixture
def assigned_with_internal_note(file_birth, walk, one_stop_officer, specialist):
    dossier = walk(file_birth(), "receive")
    return dossier_act(
        actor=one_stop_officer,
        dossier=dossier,
        action="assign",
        assignee=specialist,
        note=SECRET,
        internal=True,
    )


def test_the_citizen_page_hides_an_internal_note(login, citizen, assigned_with_internal_note):
    page = login(citizen).get(f"/ho-so/{assigned_with_internal_note.code}/").content.decode()
    assert SECRET not in page


def test_the_staff_page_shows_it_labelled_internal(login, specialist, assigned_with_internal_note):
    page = login(specialist).get(f"/ho-so/{assigned_with_internal_note.code}/").content.decode()
    assert SECRET in page and "Ghi chú nội bộ" in page


def test_the_api_blanks_it_for_the_citizen_only(login, citizen, specialist, assigned_with_internal_note):
    url = f"/api/v1/dossiers/{assigned_with_internal_note.code}"
    mine = login(citizen).get(url).json()["events"]
    assert SECRET not in str(mine) and any(e["internal"] for e in mine)
    staff = login(specialist).get(url).json()["events"]
    assert any(e["note"] == SECRET and e["internal"] for e in staff)


def test_the_citizen_is_not_sent_it(citizen, assigned_with_internal_note):
    bodies = list(Notification.objects.filter(recipient=citizen).values_list("body", flat=True))
    assert bodies and not any(SECRET in body for body in bodies)


def test_the_data_download_leaves_it_out(citizen, assigned_with_internal_note):
    assert SECRET not in str(dossiers_of(citizen))


def test_a_note_to_the_citizen_is_shown_and_labelled(
    login, citizen, one_stop_officer, specialist, file_birth, walk
):
    dossier = walk(file_birth(), "receive")
    response = login(one_stop_officer).post(
        f"/ho-so/{dossier.code}/thao-tac/",
        {
            "action": "assign",
            "assignee": specialist.pk,
            "note": "Hẹn trả kết quả sáng thứ sáu",
            "note_for": "citizen",
            "expected_status": "received",
        },
    )
    assert response.status_code == 302
    assert "Hẹn trả kết quả sáng thứ sáu" in login(citizen).get(f"/ho-so/{dossier.code}/").content.decode()
    staff = login(one_stop_officer).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Gửi công dân" in staff


def test_the_page_makes_a_note_internal_unless_the_officer_says_otherwise(
    login, citizen, one_stop_officer, file_birth
):
    dossier = file_birth()
    login(one_stop_officer).post(
        f"/ho-so/{dossier.code}/thao-tac/",
        {"action": "receive", "note": "Đã đối chiếu bản chính", "expected_status": "submitted"},
    )
    assert dossier.events.get(action="receive").internal
    assert "Đã đối chiếu bản chính" not in login(citizen).get(f"/ho-so/{dossier.code}/").content.decode()


def test_a_supplement_request_is_never_internal(file_birth, walk, specialist, citizen):
    dossier = walk(file_birth(), "start")
    dossier_act(
        actor=specialist,
        dossier=dossier,
        action="request_supplement",
        note="Bổ sung giấy chứng sinh",
        internal=True,
    )
    event = dossier.events.get(action="request_supplement")
    assert not event.internal
    assert Notification.objects.filter(recipient=citizen, body__contains="Bổ sung giấy chứng sinh").exists()


def test_existing_notes_between_officers_become_internal_and_the_others_stay(
    file_birth, walk, one_stop_officer, specialist, commune_leader
):
    migration = import_module("xaso.onestop.migrations.0011_dossier_event_internal_note")
    dossier = walk(file_birth(), "propose")
    dossier_act(actor=commune_leader, dossier=dossier, action="reject", note="Không đủ điều kiện")
    dossier.events.filter(action="propose").update(note="Đề nghị duyệt")
    dossier.events.update(internal=False)
    migration.mark_staff_notes(apps, None)
    assert dossier.events.get(action="propose").internal
    assert not dossier.events.get(action="reject").internal
    assert not dossier.events.get(action="start").internal  # no note: nothing to hide

"""A record of who viewed which dossier: staff openings are kept, leaders can read them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from xaso.onestop.models import DossierView

pytestmark = pytest.mark.django_db


def test_an_officer_opening_a_dossier_leaves_a_view_record(login, one_stop_officer, file_birth):
    dossier = file_birth()
    assert login(one_stop_officer).get(f"/ho-so/{dossier.code}/").status_code == 200
    assert list(DossierView.objects.values_list("dossier", "viewer")) == [(dossier.pk, one_stop_officer.pk)]


def test_the_api_detail_is_recorded_too(login, specialist, file_birth):
    dossier = file_birth()
    assert login(specialist).get(f"/api/v1/dossiers/{dossier.code}").status_code == 200
    assert DossierView.objects.filter(dossier=dossier, viewer=specialist).count() == 1


def test_the_citizen_reading_their_own_dossier_is_not_recorded(login, citizen, file_birth):
    dossier = file_birth()
    login(citizen).get(f"/ho-so/{dossier.code}/")
    assert not DossierView.objects.exists()


def test_reloading_within_a_quarter_hour_is_one_view_and_later_is_another(
    login, one_stop_officer, file_birth
):
    dossier = file_birth()
    client = login(one_stop_officer)
    client.get(f"/ho-so/{dossier.code}/")
    client.get(f"/ho-so/{dossier.code}/")
    assert DossierView.objects.count() == 1
    DossierView.objects.update(at=timezone.now() - timedelta(minutes=16))
    client.get(f"/ho-so/{dossier.code}/")
    assert DossierView.objects.count() == 2


def test_a_leader_sees_who_viewed_and_an_officer_does_not(
    login, one_stop_officer, commune_leader, file_birth
):
    dossier = file_birth()
    login(one_stop_officer).get(f"/ho-so/{dossier.code}/")
    officer_page = login(one_stop_officer).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Ai đã xem hồ sơ này" not in officer_page
    leader_page = login(commune_leader).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Ai đã xem hồ sơ này" in leader_page
    assert f"({one_stop_officer.username})" in leader_page


def test_an_officer_of_another_commune_leaves_no_record(login, other_officer, file_birth):
    dossier = file_birth()
    assert login(other_officer).get(f"/ho-so/{dossier.code}/").status_code == 404
    assert not DossierView.objects.exists()

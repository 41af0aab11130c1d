"""A commune-A officer cannot reach commune B; a province supervisor sees only their province."""

from tests import factories as f


def test_an_officer_sees_citizens_of_their_commune_through_the_api(login, one_stop_officer, citizen):
    response = login(one_stop_officer).get(f"/api/v1/citizens/{citizen.profile.pk}")
    assert response.status_code == 200


def test_an_officer_of_another_commune_gets_404_through_the_api(login, other_officer, citizen):
    response = login(other_officer).get(f"/api/v1/citizens/{citizen.profile.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_an_officer_of_another_commune_gets_404_on_the_village_page(login, other_officer, village):
    response = login(other_officer).get(f"/thon/{village.pk}/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_village_page_works_for_the_commune_own_officer(login, one_stop_officer, village):
    assert login(one_stop_officer).get(f"/thon/{village.pk}/").status_code == 200


def test_a_province_supervisor_sees_their_province_only(login, province_supervisor, village, far_commune):
    far_village = f.village(far_commune, "Thôn Xa")
    client = login(province_supervisor)
    assert client.get(f"/api/v1/places/villages/{village.pk}").status_code == 200
    assert client.get(f"/api/v1/places/villages/{far_village.pk}").status_code == 404


def test_an_officer_of_another_commune_gets_404_on_a_village_through_the_api(login, other_officer, village):
    assert login(other_officer).get(f"/api/v1/places/villages/{village.pk}").status_code == 404


def test_a_province_supervisor_does_not_see_individual_citizens(login, province_supervisor, citizen):
    assert login(province_supervisor).get(f"/api/v1/citizens/{citizen.profile.pk}").status_code == 404


def test_a_citizen_sees_only_their_own_profile(login, citizen, commune):
    neighbour = f.citizen(commune_obj=commune, phone="0912888888")
    client = login(citizen)
    assert client.get(f"/api/v1/citizens/{citizen.profile.pk}").status_code == 200
    assert client.get(f"/api/v1/citizens/{neighbour.profile.pk}").status_code == 404


def test_a_system_admin_sees_everything(login, system_admin, citizen, far_commune):
    far_citizen = f.citizen(commune_obj=far_commune, phone="0912777777")
    client = login(system_admin)
    assert client.get(f"/api/v1/citizens/{far_citizen.profile.pk}").status_code == 200


def test_anonymous_callers_get_401(client, citizen):
    assert client.get(f"/api/v1/citizens/{citizen.profile.pk}").status_code == 401

import pytest
from django.core.cache import cache

from tests.support.dossiers import BIRTH_DATA
from xaso.onestop.models import Dossier, Status

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_procedures_can_be_searched_without_diacritics(client):
    response = client.get("/api/v1/procedures", {"q": "khai sinh"})
    assert response.status_code == 200
    assert "Đăng ký khai sinh" in [p["name"] for p in response.json()]


def test_a_procedure_describes_its_form_and_the_schema_of_its_data(client):
    body = client.get("/api/v1/procedures/1.001193").json()
    assert body["processing_days"] == 0
    assert "child_name" in body["data_schema"]["properties"]
    assert "child_name" in body["data_schema"]["required"]


def test_filing_returns_201_with_code_status_and_due_date(login, citizen, commune):
    response = post(
        login(citizen),
        "/api/v1/dossiers",
        {"procedure": "1.001193", "commune": commune.code, "data": BIRTH_DATA},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"code", "status", "due_date"}
    assert body["status"] == "submitted"
    assert Dossier.objects.get(code=body["code"]).citizen == citizen


def test_filing_with_bad_data_is_a_problem_naming_the_field(login, citizen, commune):
    response = post(
        login(citizen),
        "/api/v1/dossiers",
        {"procedure": "1.001193", "commune": commune.code, "data": dict(BIRTH_DATA, child_sex="X")},
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "child_sex"


def test_a_nul_character_in_the_commune_is_a_problem_not_a_500(login, citizen, commune):
    # PostgreSQL refuses NUL in text: found by the API fuzz test (xaso.core.api.schemas.In).
    response = post(
        login(citizen),
        "/api/v1/dossiers",
        {"procedure": "1.001193", "commune": commune.code + "\x00", "data": BIRTH_DATA},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "commune"
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("where", ["value", "name"])
def test_a_nul_character_in_the_forms_answers_is_a_problem_not_a_500(login, citizen, commune, where):
    # The answers go into a JSON column (jsonb on PostgreSQL, which refuses NUL in text too).
    name = next(iter(BIRTH_DATA))
    data = dict(BIRTH_DATA)
    if where == "value":
        data[name] = "Trần\x00"
    else:
        data[name + "\x00"] = data.pop(name)
    response = post(
        login(citizen), "/api/v1/dossiers", {"procedure": "1.001193", "commune": commune.code, "data": data}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith(name)
    assert not Dossier.objects.exists()


def test_filing_needs_a_signed_in_caller(client, commune):
    response = post(
        client, "/api/v1/dossiers", {"procedure": "1.001193", "commune": commune.code, "data": {}}
    )
    assert response.status_code == 401


def test_the_citizen_reads_their_dossier_with_its_timeline(login, citizen, file_birth):
    dossier = file_birth()
    body = login(citizen).get(f"/api/v1/dossiers/{dossier.code}").json()
    assert body["status"] == "submitted"
    assert body["allowed_actions"] == ["withdraw"]
    assert [e["to_status"] for e in body["events"]] == ["submitted"]


def test_an_officer_moves_a_dossier_through_the_api(login, one_stop_officer, specialist, file_birth):
    dossier = file_birth()
    client = login(one_stop_officer)
    assert post(client, f"/api/v1/dossiers/{dossier.code}/actions", {"action": "receive"}).status_code == 200
    response = post(
        client,
        f"/api/v1/dossiers/{dossier.code}/actions",
        {"action": "assign", "assignee": specialist.username},
    )
    assert response.json()["status"] == "assigned"
    assert response.json()["assignee"] == specialist.username


def test_an_action_the_state_does_not_allow_is_409_and_changes_nothing(login, commune_leader, file_birth):
    dossier = file_birth()
    response = post(login(commune_leader), f"/api/v1/dossiers/{dossier.code}/actions", {"action": "approve"})
    assert response.status_code == 409
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED


def test_an_action_the_role_does_not_allow_is_403_and_changes_nothing(login, specialist, file_birth):
    dossier = file_birth()
    response = post(login(specialist), f"/api/v1/dossiers/{dossier.code}/actions", {"action": "receive"})
    assert response.status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED


def test_a_stale_expected_status_is_409(login, one_stop_officer, file_birth):
    dossier = file_birth()
    client = login(one_stop_officer)
    post(client, f"/api/v1/dossiers/{dossier.code}/actions", {"action": "receive"})
    response = post(
        client,
        f"/api/v1/dossiers/{dossier.code}/actions",
        {"action": "cancel", "note": "x", "expected_status": "submitted"},
    )
    assert response.status_code == 409


def test_an_officer_of_another_commune_gets_404(login, other_officer, file_birth):
    dossier = file_birth()
    client = login(other_officer)
    assert client.get(f"/api/v1/dossiers/{dossier.code}").status_code == 404
    assert post(client, f"/api/v1/dossiers/{dossier.code}/actions", {"action": "receive"}).status_code == 404


def test_another_citizen_gets_404(login, file_birth, commune):
    from tests import factories as f

    dossier = file_birth()
    stranger = f.citizen(commune_obj=commune)
    assert login(stranger).get(f"/api/v1/dossiers/{dossier.code}").status_code == 404


def test_a_province_supervisor_reads_but_cannot_act(login, province_supervisor, file_birth):
    dossier = file_birth()
    client = login(province_supervisor)
    assert client.get(f"/api/v1/dossiers/{dossier.code}").status_code == 200
    assert post(client, f"/api/v1/dossiers/{dossier.code}/actions", {"action": "receive"}).status_code == 403


def test_the_supervisor_of_another_province_gets_404(login, other_province_supervisor, file_birth):
    dossier = file_birth()
    assert login(other_province_supervisor).get(f"/api/v1/dossiers/{dossier.code}").status_code == 404


def test_public_lookup_answers_masked_and_unknown_codes_are_404(client, file_birth):
    cache.clear()
    dossier = file_birth()
    body = client.get(f"/api/v1/lookup/{dossier.code}", {"token": dossier.token}).json()
    assert body["applicant"] == "T*** T** B***"
    assert client.get("/api/v1/lookup/99999-260101-0001", {"phone_last4": "0001"}).status_code == 404


def test_the_schema_describes_the_onestop_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/procedures",
        "/api/v1/dossiers",
        "/api/v1/dossiers/{code}",
        "/api/v1/dossiers/{code}/actions",
        "/api/v1/lookup/{code}",
        "/api/v1/calendar/due-date",
    ):
        assert path in paths, path

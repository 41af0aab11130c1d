from tests.factories import PASSWORD


def test_a_token_is_issued_and_then_authenticates(client, one_stop_officer, citizen):
    response = client.post(
        "/api/v1/auth/token", {"username": "motcua", "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    profile_id = citizen.profile.pk
    ok = client.get(f"/api/v1/citizens/{profile_id}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert ok.status_code == 200
    assert ok.json()["phone_masked"] == "091****001"


def test_a_wrong_password_is_a_401_problem(client, one_stop_officer):
    response = client.post(
        "/api/v1/auth/token", {"username": "motcua", "password": "nope"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "password"


def test_malformed_json_is_a_4xx_problem_not_a_500(client, db):
    response = client.post("/api/v1/auth/token", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/problem+json"


def test_a_missing_field_is_named(client, db):
    response = client.post("/api/v1/auth/token", {"username": "x"}, content_type="application/json")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["password"]


def test_an_unknown_token_is_a_401_problem(client, citizen):
    response = client.get(f"/api/v1/citizens/{citizen.profile.pk}", HTTP_AUTHORIZATION="Bearer forged")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_openapi_schema_is_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/places/provinces" in schema["paths"]
    assert "/api/v1/auth/token" in schema["paths"]

"""A read token reads; any write operation of the API answers 403 to it."""

from tests.factories import PASSWORD


def token_for(client, scope=None):
    body = {"username": "motcua", "password": PASSWORD}
    if scope:
        body["scope"] = scope
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def act(client, token):
    return client.post(
        "/api/v1/dossiers/KHONGCO/actions",
        {"action": "receive"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_a_token_is_read_only_unless_write_is_asked_for(client, one_stop_officer):
    assert token_for(client)["scope"] == "read"


def test_a_read_token_reads_but_cannot_write(client, one_stop_officer, citizen):
    token = token_for(client, "read")["token"]
    read = client.get(f"/api/v1/citizens/{citizen.profile.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert read.status_code == 200
    refused = act(client, token)
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("token_scope")


def test_a_write_token_gets_past_authentication(client, one_stop_officer):
    token = token_for(client, "write")["token"]
    assert act(client, token).status_code == 404  # the handler ran: no such dossier


def test_an_unknown_scope_is_a_422_naming_the_field(client, one_stop_officer):
    body = {"username": "motcua", "password": PASSWORD, "scope": "admin"}
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "scope"

"""Every 4xx an API operation can answer is in the OpenAPI document with its problem body, and
every bounded input shows its bounds there, so clients (and schemathesis) know what is refused."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def openapi(client):
    return client.get("/api/v1/openapi.json").json()


def _operations(openapi):
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_every_operation_documents_its_refusals_with_the_problem_body(openapi):
    assert "Problem" in openapi["components"]["schemas"]
    for path, method, operation in _operations(openapi):
        responses = operation["responses"]
        assert {"400", "422", "429"} <= set(responses), (method, path)
        if "{" in path:
            assert "404" in responses, (method, path)
        problem = responses["422"]["content"]["application/problem+json"]["schema"]
        assert problem == {"$ref": "#/components/schemas/Problem"}


def test_every_path_id_and_page_window_shows_its_bounds(openapi):
    for path, method, operation in _operations(openapi):
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            if parameter["in"] == "path" and schema.get("type") == "integer":
                assert schema.get("maximum") == 2**63 - 1, (method, path, parameter["name"])
            if parameter["name"] in ("offset", "limit"):
                assert "maximum" in schema, (method, path, parameter["name"])

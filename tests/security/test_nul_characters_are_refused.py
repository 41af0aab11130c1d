"""A NUL character in a path, a query string or a form field was a 500 on PostgreSQL wherever
the value reached a lookup (found by tests/security/test_no_url_answers_5xx.py): it is a 400
before any view runs, a problem body naming the field for the API."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/thu-tuc/%00/", "/xac-thuc/%00/", "/cong-dong/xa/%00/thong-bao/atom.xml"])
def test_a_nul_in_the_path_is_a_bad_request(client, path):
    assert client.get(path).status_code == 400


def test_a_nul_in_the_query_is_a_bad_request(login, one_stop_officer):
    assert login(one_stop_officer).get("/cong-dong/ho-gia-dinh/", {"q": "a\x00"}).status_code == 400


def test_a_nul_in_a_form_field_is_a_bad_request(login, one_stop_officer):
    response = login(one_stop_officer).post(
        "/mot-cua/thu-tuc/",
        "procedure=%00&enabled=1",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_a_nul_in_a_multipart_form_is_a_bad_request(login, one_stop_officer):
    # A view that reads request.POST itself (the procedure switches) met it on PostgreSQL: a 500.
    response = login(one_stop_officer).post("/mot-cua/thu-tuc/", {"procedure": "\x00", "enabled": "1"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path", ["/api/v1/auth/token", "/api/v1/community/feedback/1/answer", "/cong-dong/radio/cum/1/bao-cao/"]
)
def test_a_multipart_post_to_an_operation_that_reads_the_body_is_not_a_500(client, path):
    # The door must not consume a multipart body that a CSRF-exempt view or an API operation reads.
    assert client.post(path, {"x": "1"}).status_code < 500


def test_the_api_names_the_field_that_holds_a_nul(client):
    response = client.get("/api/v1/procedures", {"q": "\x00"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "q"

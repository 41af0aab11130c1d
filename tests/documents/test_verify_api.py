import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support.signing import PASSPHRASE
from xaso.core.pdf import html_to_pdf
from xaso.documents.signing.services import signed_result_create


@pytest.fixture
def signed_pdf(media_root, commune, commune_leader, leader_credential) -> bytes:
    return signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Kết quả",
        html_or_pdf="<p>Kết quả</p>",
        credential=leader_credential,
        secret=PASSPHRASE,
    ).file.read()


def _post(client, data: bytes, name="doc.pdf"):
    return client.post("/api/v1/verify", {"file": SimpleUploadedFile(name, data, "application/pdf")})


def test_the_api_reports_each_signature_without_signing_in(client, signed_pdf):
    response = _post(client, signed_pdf)
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    [sig] = body["signatures"]
    assert sig["signer"] == "Trịnh Văn Hùng"
    assert sig["organisation"] == "UBND Xã Yên Định"
    assert sig["unchanged"] and sig["trusted"] and sig["valid_at_signing"]
    assert sig["signed_at"]


def test_the_api_reports_a_tampered_file_as_not_ok(client, signed_pdf):
    data = bytearray(signed_pdf)
    data[signed_pdf.index(b"WeasyPrint") + 2] ^= 1
    body = _post(client, bytes(data)).json()
    assert body["ok"] is False
    assert body["signatures"][0]["problems"]


def test_an_unsigned_pdf_is_reported_as_carrying_no_signature(client, db):
    body = _post(client, html_to_pdf("<p>chưa ký</p>")).json()
    assert body == {"ok": False, "summary": body["summary"], "signatures": []}


def test_a_file_that_is_not_a_pdf_gets_a_problem_body(client, db):
    response = _post(client, b"hello", name="x.txt")
    assert response.status_code == 422
    problem = response.json()
    assert problem["status"] == 422
    assert problem["errors"][0]["field"] == "file"

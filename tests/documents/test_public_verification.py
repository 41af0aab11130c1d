import subprocess

import pytest
from django.urls import reverse

from tests.support.signing import PASSPHRASE
from xaso.documents.signing.services import signed_result_create, verification_url

HTML = "<p>Trích lục khai sinh</p><div id='xaso-signature' style='width:75mm;height:26mm'></div>"


@pytest.fixture
def signed(media_root, commune, commune_leader, leader_credential):
    return signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Trích lục khai sinh",
        html_or_pdf=HTML,
        credential=leader_credential,
        secret=PASSPHRASE,
    )


def test_the_qr_in_the_signature_block_opens_the_verification_record(signed, tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed.file.read())
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True
    )
    decoded = (
        subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")], capture_output=True, check=True
        )
        .stdout.decode()
        .strip()
    )
    assert decoded == verification_url(signed.code)
    assert decoded.endswith(f"/xac-thuc/{signed.code}/")


def test_anyone_with_the_code_sees_the_record_and_that_it_is_valid(client, signed):
    response = client.get(reverse("documents:verify_code", args=[signed.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trích lục khai sinh" in page
    assert signed.sha256 in page
    assert "badge-ok" in page and "badge-bad" not in page


def test_the_code_is_accepted_in_lower_case(client, signed):
    response = client.get(reverse("documents:verify_code", args=[signed.code.lower()]))
    assert response.status_code == 200


def test_an_unknown_code_is_a_404(client, db):
    assert client.get(reverse("documents:verify_code", args=["AAAA-BBBB-CCCC"])).status_code == 404


def test_the_signed_file_downloads_byte_for_byte(client, signed):
    response = client.get(reverse("documents:download", args=[signed.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    signed.file.seek(0)
    assert body == signed.file.read()


def test_an_uploaded_file_is_checked_on_the_public_page(client, signed):
    upload = signed.file.open("rb")
    response = client.post(reverse("documents:verify"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trịnh Văn Hùng" in page
    assert "badge-ok" in page


def test_a_bad_upload_keeps_the_form_and_says_why(client, db, tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"not a pdf at all")
    with path.open("rb") as fh:
        response = client.post(reverse("documents:verify"), {"file": fh})
    assert response.status_code == 422
    assert "not a PDF" in response.content.decode() or "không phải" in response.content.decode()

import subprocess
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.django_db


def _run(args, data: bytes, tmp_path, suffix) -> str:
    path = tmp_path / f"in{suffix}"
    path.write_bytes(data)
    return subprocess.run([*args, str(path)], capture_output=True, check=True, text=True).stdout


def test_the_receipt_is_a_pdf_with_the_code_and_the_appointment_date(login, citizen, file_birth, tmp_path):
    dossier = file_birth()
    response = login(citizen).get(f"/ho-so/{dossier.code}/bien-nhan.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert dossier.code in text
    assert dossier.due_date.strftime("%d/%m/%Y") in text
    assert "Đăng ký khai sinh" in text


def test_the_receipts_qr_code_opens_the_lookup_with_the_token(login, citizen, file_birth, tmp_path):
    dossier = file_birth()
    pdf = login(citizen).get(f"/ho-so/{dossier.code}/bien-nhan.pdf").content
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(tmp_path / "r.pdf"), str(tmp_path / "p")], check=True
    )
    page = sorted(tmp_path.glob("p*.png"))[0]
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True
    ).stdout.strip()
    url = urlparse(decoded)
    assert url.path == "/tra-cuu/"
    assert parse_qs(url.query) == {"ma": [dossier.code], "t": [dossier.token]}


def test_an_officer_of_another_commune_gets_404_for_the_receipt(login, other_officer, file_birth):
    assert login(other_officer).get(f"/ho-so/{file_birth().code}/bien-nhan.pdf").status_code == 404

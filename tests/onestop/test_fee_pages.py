"""The fee on the pages: the citizen's and the officer's dossier pages show the dynamic VietQR
(served by the app, decoded here by zbarimg), the receipt carries it with the amount, the
queue says paid or not, and a commune without a collection account says so."""

import subprocess

import pytest

from tests.support.statements import statement_csv
from xaso.onestop.models import Dossier
from xaso.payments.services import statement_import
from xaso.payments.vietqr import vietqr_parse

pytestmark = pytest.mark.django_db


def decode(png: bytes, tmp_path) -> list[str]:
    path = tmp_path / "qr.png"
    path.write_bytes(png)
    out = subprocess.run(["zbarimg", "-q", "--raw", str(path)], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()


def test_the_citizen_sees_the_fee_qr_that_a_bank_app_reads(login, citizen, account, file_marital, tmp_path):
    dossier = Dossier.objects.get(pk=file_marital().pk)
    client = login(citizen)
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Chưa nộp lệ phí" in page
    assert "15.000 đ" in page
    assert f'src="/ho-so/{dossier.code}/le-phi/qr.png"' in page
    assert dossier.fee_request.note in page
    response = client.get(f"/ho-so/{dossier.code}/le-phi/qr.png")
    assert response["Content-Type"] == "image/png"
    [payload] = decode(response.content, tmp_path)
    parsed = vietqr_parse(payload)
    assert (parsed.amount, parsed.note, parsed.account_number) == (
        15_000,
        dossier.fee_request.note,
        "3600205123456",
    )


def test_the_officer_page_and_queue_show_the_fee_then_paid(login, one_stop_officer, account, file_marital):
    dossier = Dossier.objects.get(pk=file_marital().pk)
    client = login(one_stop_officer)
    assert "le-phi/qr.png" in client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Chưa nộp lệ phí" in client.get("/mot-cua/ho-so/?tab=new").content.decode()
    content = statement_csv([("FT9", "01/12/2026", "15000", dossier.fee_request.note)])
    statement_import(actor=one_stop_officer, account=account, filename="s.csv", content=content)
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Đã nộp lệ phí" in page and "le-phi/qr.png" not in page
    assert "Đã nhận lệ phí: 15.000 đồng" in page  # the timeline
    assert "Đã nộp lệ phí" in client.get("/mot-cua/ho-so/?tab=new").content.decode()
    assert client.get(f"/ho-so/{dossier.code}/le-phi/qr.png").status_code == 404


def test_an_officer_of_another_commune_gets_404_for_the_fee_qr(login, other_officer, account, file_marital):
    dossier = file_marital()
    assert login(other_officer).get(f"/ho-so/{dossier.code}/le-phi/qr.png").status_code == 404


def test_without_a_collection_account_the_page_says_to_pay_at_the_desk(login, citizen, file_marital):
    dossier = file_marital()
    client = login(citizen)
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Xã chưa cài đặt tài khoản ngân hàng nhận lệ phí" in page
    assert client.get(f"/ho-so/{dossier.code}/le-phi/qr.png").status_code == 404
    receipt = client.get(f"/ho-so/{dossier.code}/bien-nhan.pdf")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=receipt.content, capture_output=True, check=True
    ).stdout.decode()
    assert "nộp tại bộ phận một cửa" in " ".join(text.split())


def test_the_receipt_carries_the_fee_qr_with_the_amount(login, citizen, account, file_marital, tmp_path):
    dossier = Dossier.objects.get(pk=file_marital().pk)
    pdf = login(citizen).get(f"/ho-so/{dossier.code}/bien-nhan.pdf").content
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "15.000 đ" in text
    assert dossier.fee_request.note in " ".join(text.split())
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(tmp_path / "r.pdf"), str(tmp_path / "p")], check=True
    )
    first_page = sorted(tmp_path.glob("p*.png"))[0]
    out = subprocess.run(["zbarimg", "-q", "--raw", str(first_page)], capture_output=True, text=True)
    payloads = [p for p in out.stdout.split("\n") if p.startswith("000201")]
    assert [vietqr_parse(p).amount for p in payloads] == [15_000]

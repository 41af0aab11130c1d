"""The QR images come from the shared helper (xaso.core.qr). An independent decoder (zbarimg
from Debian's zbar-tools) reads them back to the same payload, which parses to the same fields."""

import base64
import shutil
import subprocess

import pytest

from xaso.core.qr import qr_png, qr_png_data_uri
from xaso.payments.vietqr import vietqr_build, vietqr_parse

pytestmark = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools is not installed")


def zbar_decode(png: bytes, tmp_path) -> str:
    path = tmp_path / "qr.png"
    path.write_bytes(png)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, check=True, text=True)
    return out.stdout.rstrip("\n")


def test_zbarimg_reads_the_worked_example_back(tmp_path):
    payload, _ = vietqr_build(bank_bin="970416", account_number="257678859", amount=1000, note="Chuyen tien")
    assert zbar_decode(qr_png(payload), tmp_path) == payload


@pytest.mark.parametrize(
    ("bank_bin", "account", "amount", "note"),
    [
        ("970405", "3600205123456", 25000, "Lệ phí khai sinh HS0001"),
        ("970436", "0011004455667", None, "Chợ Yên Định ô 12"),
        ("970418", "12010000123456", 499_999_999, ""),
    ],
)
def test_zbarimg_decoding_parses_to_the_fields_we_encoded(tmp_path, bank_bin, account, amount, note):
    payload, clean = vietqr_build(bank_bin=bank_bin, account_number=account, amount=amount, note=note)
    qr = vietqr_parse(zbar_decode(qr_png(payload), tmp_path))
    assert (qr.bank_bin, qr.account_number, qr.amount, qr.note) == (bank_bin, account, amount, clean.text)


def test_the_png_data_uri_for_templates_holds_the_same_code(tmp_path):
    payload, _ = vietqr_build(bank_bin="970416", account_number="257678859", amount=1000, note="Chuyen tien")
    uri = qr_png_data_uri(payload)
    assert uri.startswith("data:image/png;base64,")
    assert zbar_decode(base64.b64decode(uri.split(",", 1)[1]), tmp_path) == payload

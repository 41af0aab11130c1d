import subprocess

import pytest

from xaso.core.qr import qr_png, qr_png_data_uri, qr_svg

URL = "https://xaso.example.vn/verify/ABCD-1234?lang=vi"


def _zbar(path) -> str:
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, check=True)
    return out.stdout.decode("utf-8").strip()


def test_a_png_code_decodes_back_to_the_url(tmp_path):
    path = tmp_path / "code.png"
    path.write_bytes(qr_png(URL))
    assert _zbar(path) == URL


def test_a_vietnamese_payload_survives_the_round_trip(tmp_path):
    path = tmp_path / "code.png"
    path.write_bytes(qr_png("Giấy khai sinh — Xã Yên Định"))
    assert _zbar(path) == "Giấy khai sinh — Xã Yên Định"


def test_the_svg_is_inline_markup_without_xml_declaration():
    svg = qr_svg(URL, title="Mã xác thực")
    assert svg.startswith("<svg")
    assert "<?xml" not in svg
    assert "Mã xác thực" in svg


def test_the_data_uri_carries_a_png():
    assert qr_png_data_uri(URL).startswith("data:image/png;base64,iVBOR")


def test_an_empty_payload_is_refused():
    with pytest.raises(ValueError):
        qr_png("")

"""A result with no civil-status form is the commune's certification in the Decree 30 layout,
and prints like a paper: choices by their label, dates dd/mm/yyyy, the form's own lines only
(no phone, no e-mail, no personal ID where the paper has no line for it)."""

import re
import subprocess

import pytest

from xaso.core.pdf import html_to_pdf_with_anchors
from xaso.documents.official import SIGNATURE_ANCHOR, official_html
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.results import result_document

pytestmark = pytest.mark.django_db
PHONE, PERSONAL_ID = "0912000001", "038190000123"
APPLICANT = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": PERSONAL_ID,
    "applicant_phone": PHONE,
    "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
}


def _text(commune, code: str, data: dict, tmp_path) -> str:
    dossier = Dossier(
        procedure=Procedure.objects.get(code=code), commune=commune, code="15469-260310-0007", data=data
    )
    pdf, anchors = html_to_pdf_with_anchors(
        official_html(result_document(dossier, signer_name="Phạm Văn Lộc"))
    )
    assert anchors.get(SIGNATURE_ANCHOR) is not None
    path = tmp_path / "ket-qua.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_an_allowance_result_prints_labels_and_dates_not_codes(commune, tmp_path):
    data = {
        **APPLICANT,
        "beneficiary_name": "Nguyễn Văn Tư",
        "beneficiary_birth_date": "1944-04-24",
        "group": "cao_tuoi",
    }
    text = _text(commune, "tro-cap-xa-hoi-hang-thang", data, tmp_path)
    assert "GIẤY XÁC NHẬN KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text and "/GXN-UBND" in text
    assert "ỦY BAN NHÂN DÂN XÃ YÊN ĐỊNH" in text and "Yên Định, ngày" in text
    assert "Nhóm đối tượng: Người cao tuổi" in text and "cao_tuoi" not in text
    assert "Ngày sinh đối tượng: 24/04/1944" in text and not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert PHONE not in text and PERSONAL_ID not in text
    assert "15469-260310-0007" in text  # the certification names the dossier it settles


def test_a_residence_result_prints_only_its_lines(commune, tmp_path):
    data = {
        **APPLICANT,
        "stay_address": "Thôn Đông, xã Yên Định",
        "stay_until": "2027-01-31",
        "email": "a@b.vn",
    }
    text = _text(commune, "dang-ky-tam-tru", data, tmp_path)
    assert "Địa chỉ tạm trú: Thôn Đông, xã Yên Định" in text and "Tạm trú đến ngày: 31/01/2027" in text
    assert PHONE not in text and PERSONAL_ID not in text and "a@b.vn" not in text

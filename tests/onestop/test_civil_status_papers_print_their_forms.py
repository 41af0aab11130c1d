"""A civil-status result is its statutory form (Circular 04/2020/TT-BTP as amended by 04/2024):
rendered to PDF through the signing pipeline's renderer, it prints the form's labels, its
dates dd/mm/yyyy (and in words where the form asks), the number and book of the register entry
it comes from, choices by their label, and never the applicant's phone, a raw choice code or an
ISO date."""

import re
import subprocess
from datetime import date

import pytest

from tests.support.dossiers import BIRTH_DATA
from xaso.core.pdf import html_to_pdf_with_anchors
from xaso.documents.official import NUMBER_ANCHOR, SIGNATURE_ANCHOR, official_html
from xaso.onestop import hooks
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.papers.base import DOTS
from xaso.onestop.results import result_document

pytestmark = pytest.mark.django_db
PHONE = BIRTH_DATA["applicant_phone"]
MARK = hooks.RegisterMark(number="27", book="01/2026", registered_on=date(2026, 3, 4), entry_id=9)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture
def marked(monkeypatch):
    """A register that knows every dossier: entry 27 of book 01/2026, registered 04/03/2026."""
    monkeypatch.setattr(hooks, "_marks", [])
    hooks.register_marks(lambda dossier: MARK)


@pytest.fixture
def unmarked(monkeypatch):
    monkeypatch.setattr(hooks, "_marks", [])


def _dossier(commune, national_code: str, data: dict) -> Dossier:
    procedure = Procedure.objects.get(national_code=national_code)
    return Dossier(procedure=procedure, commune=commune, code="2026-000123", data=data)


def _text(dossier, tmp_path) -> str:
    pdf, anchors = html_to_pdf_with_anchors(
        official_html(result_document(dossier, signer_name="Phạm Văn Lộc"))
    )
    # the signature still has its place, on the form's one page
    assert anchors.get(SIGNATURE_ANCHOR) is not None and anchors[SIGNATURE_ANCHOR].page == 0
    # a paper numbered by the register needs no box for the outgoing registry's number
    assert (anchors.get(NUMBER_ANCHOR) is None) == (hooks.register_mark_for(dossier) is not None)
    path = tmp_path / "giay.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def _printed_nothing_it_should_not(text: str) -> None:
    assert PHONE not in text and "0912 000 001" not in text
    assert not ISO_DATE.search(text)
    assert "2026-000123" not in text  # the dossier's code is not a line of the form


BIRTH = {
    **BIRTH_DATA,
    "child_nationality": "Việt Nam",
    "child_native_place": "Xã Yên Định, tỉnh Thanh Hóa",
    "mother_birth_year": "1990",
    "mother_ethnicity": "Kinh",
    "mother_nationality": "Việt Nam",
    "father_name": "Lê Văn Cường",
    "father_birth_year": "1988",
    "father_residence": "Thôn Đông, xã Yên Định",
}


def test_a_birth_certificate_prints_the_forms_lines_with_the_registers_number(marked, commune, tmp_path):
    text = _text(_dossier(commune, "1.001193", BIRTH), tmp_path)
    assert "GIẤY KHAI SINH" in text and "TRÍCH LỤC" not in text
    assert "Số: 27" in text and "Quyển số: 01/2026" in text
    assert "Họ, chữ đệm, tên: LÊ MINH AN" in text
    assert "Ngày, tháng, năm sinh: 01/03/2026" in text
    assert "ghi bằng chữ: Ngày một, tháng ba, năm hai nghìn không trăm hai mươi sáu" in text
    assert "Giới tính: Nam" in text and "Dân tộc: Kinh" in text and "Quốc tịch: Việt Nam" in text
    assert "Nơi sinh: Trạm y tế xã Yên Định" in text
    assert "Quê quán: Xã Yên Định, tỉnh Thanh Hóa" in text
    assert "Họ, chữ đệm, tên người mẹ: Trần Thị Bình" in text and "Năm sinh: 1990" in text
    # the mother declares: her residence is the declarant's
    assert "Nơi cư trú: Thôn Phúc Lộc, xã Yên Định" in text
    assert "Họ, chữ đệm, tên người cha: Lê Văn Cường" in text and "Năm sinh: 1988" in text
    assert "Họ, chữ đệm, tên người đi khai sinh: Trần Thị Bình (Mẹ)" in text
    assert "Nơi đăng ký khai sinh: Ủy ban nhân dân xã Yên Định, tỉnh Thanh Hóa" in text
    assert "Ngày, tháng, năm đăng ký: 04/03/2026" in text
    assert "NGƯỜI KÝ GIẤY KHAI SINH" in text and "Phạm Văn Lộc" in text and "Chủ tịch" in text
    assert "Giới tính: M " not in text and "(me)" not in text
    _printed_nothing_it_should_not(text)


def test_without_a_register_entry_the_number_keeps_the_forms_dotted_line(unmarked, commune, tmp_path):
    long_place = "Bệnh viện Đa khoa khu vực Ngọc Lặc, thôn Minh Thành, xã Ngọc Lặc, tỉnh Thanh Hóa"
    data = {**BIRTH, "child_birth_place": long_place, "father_residence": long_place}
    text = _text(_dossier(commune, "1.001193", data), tmp_path)
    assert f"Số: {DOTS}" in text and f"Quyển số: {DOTS}" in text
    # (and `_text` checked the box the clerk's seal stamps the registry's number into)
    # what the form asks and the dossier does not say is left for the pen, never guessed
    assert f"Số định danh cá nhân: {DOTS}" in text


def test_a_death_extract_prints_the_day_of_death_in_figures_and_in_words(marked, commune, tmp_path):
    data = {
        "applicant_name": "Trần Thị Bình",
        "applicant_personal_id": "038190000123",
        "applicant_phone": PHONE,
        "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
        "relationship": "me",
        "deceased_name": "Nguyễn Văn Tư",
        "deceased_personal_id": "038040000777",
        "death_date": "2026-04-24",
        "death_place": "Thôn Phúc Lộc, xã Yên Định",
        "death_cause": "Già yếu",
    }
    text = _text(_dossier(commune, "1.000656", data), tmp_path)
    assert "TRÍCH LỤC KHAI TỬ" in text and "Số: 27" in text and "Quyển số: 01/2026" in text
    assert "Họ, chữ đệm, tên: NGUYỄN VĂN TƯ" in text and "Số định danh cá nhân: 038040000777" in text
    assert "ngày 24/04/2026" in text
    assert "ghi bằng chữ: Ngày hai mươi tư, tháng tư, năm hai nghìn không trăm hai mươi sáu" in text
    assert "Nơi chết: Thôn Phúc Lộc, xã Yên Định" in text and "Nguyên nhân chết: Già yếu" in text
    assert "Họ, chữ đệm, tên người đi khai tử: Trần Thị Bình (Mẹ)" in text
    assert "Nơi đăng ký khai tử:" in text and "Ngày, tháng, năm đăng ký: 04/03/2026" in text
    assert "038190000123" not in text  # the declarant's ID has no line on this form
    _printed_nothing_it_should_not(text)


def test_a_marriage_certificate_prints_both_spouses(marked, commune, tmp_path):
    data = {
        "husband_name": "Lê Văn Cường",
        "husband_personal_id": "038088000111",
        "husband_birth_date": "1988-05-15",
        "wife_name": "Trần Thị Bình",
        "wife_personal_id": "038190000123",
        "wife_birth_date": "1990-01-02",
        "applicant_phone": PHONE,
    }
    text = _text(_dossier(commune, "1.000894", data), tmp_path)
    assert "GIẤY CHỨNG NHẬN KẾT HÔN" in text and "Số: 27" in text and "Quyển số: 01/2026" in text
    assert "Thông tin người chồng" in text and "Thông tin người vợ" in text
    assert "LÊ VĂN CƯỜNG" in text and "TRẦN THỊ BÌNH" in text
    assert "15/05/1988" in text and "02/01/1990" in text
    assert "038088000111" in text and "038190000123" in text
    assert "Chữ ký của chồng" in text and "Chữ ký của vợ" in text
    assert "Nơi đăng ký kết hôn: Ủy ban nhân dân xã Yên Định" in text
    _printed_nothing_it_should_not(text)


def test_a_marital_status_certificate_prints_the_purpose_by_its_label(marked, commune, tmp_path):
    data = {
        "applicant_name": "Trần Thị Bình",
        "applicant_personal_id": "038190000123",
        "applicant_phone": PHONE,
        "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
        "purpose": "khac",
        "purpose_detail": "Bổ sung hồ sơ vay vốn",
    }
    text = _text(_dossier(commune, "1.004873", data), tmp_path)
    assert "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN" in text and "Số: 27" in text
    assert "Quyển số" not in text  # this certificate is not entered in a book
    assert "XÁC NHẬN:" in text and "Họ, chữ đệm, tên: TRẦN THỊ BÌNH" in text
    assert "Giấy này được cấp để: Mục đích khác: Bổ sung hồ sơ vay vốn" in text
    assert "khac" not in text
    assert "Yên Định, ngày" in text  # the date line of the day it is issued
    _printed_nothing_it_should_not(text)


def test_a_recognition_extract_prints_who_is_recognised_as_what(marked, commune, tmp_path):
    data = {
        "applicant_name": "Lê Văn Cường",
        "applicant_personal_id": "038088000111",
        "applicant_phone": PHONE,
        "applicant_address": "Thôn Đông, xã Yên Định",
        "recognised_name": "Lê Minh An",
        "recognised_birth_date": "2026-03-01",
        "relation": "con",
    }
    text = _text(_dossier(commune, "1.001022", data), tmp_path)
    assert "TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON" in text and "Số: 27" in text and "Quyển số: 01/2026" in text
    assert "Thông tin bên nhận" in text and "Thông tin bên được nhận" in text
    assert "LÊ VĂN CƯỜNG" in text and "LÊ MINH AN" in text and "01/03/2026" in text
    assert "Bên nhận nhận bên được nhận là: Con" in text
    _printed_nothing_it_should_not(text)


def test_a_correction_extract_prints_the_change_and_the_book_it_amends(marked, commune, tmp_path):
    data = {
        "applicant_name": "Trần Thị Bình",
        "applicant_personal_id": "038190000123",
        "applicant_phone": PHONE,
        "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
        "record_kind": "khai_sinh",
        "content": "Cải chính tên đệm từ “Thi” thành “Thị”",
    }
    text = _text(_dossier(commune, "1.004859", data), tmp_path)
    assert "TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH HỘ TỊCH" in text and "Số: 27" in text
    assert "Đã đăng ký: Khai sinh" in text and "khai_sinh" not in text
    assert "Nội dung thay đổi, cải chính: Cải chính tên đệm từ “Thi” thành “Thị”" in text
    assert "038190000123" not in text
    _printed_nothing_it_should_not(text)


def test_a_guardianship_extract_prints_the_kind_by_its_label(marked, commune, tmp_path):
    procedure = Procedure.objects.get(code="dang-ky-giam-ho")
    data = {
        "applicant_name": "Trần Thị Bình",
        "applicant_personal_id": "038190000123",
        "applicant_phone": PHONE,
        "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
        "ward_name": "Lê Minh An",
        "ward_birth_date": "2016-10-05",
        "kind": "duong_nhien",
    }
    dossier = Dossier(procedure=procedure, commune=commune, code="2026-000123", data=data)
    text = _text(dossier, tmp_path)
    assert "TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ" in text and "Số: 27" in text and "Quyển số: 01/2026" in text
    assert "Thông tin người giám hộ" in text and "TRẦN THỊ BÌNH" in text and "038190000123" in text
    assert "Thông tin người được giám hộ" in text and "LÊ MINH AN" in text and "05/10/2016" in text
    assert "Loại giám hộ: Giám hộ đương nhiên" in text and "duong_nhien" not in text
    _printed_nothing_it_should_not(text)


def test_a_re_registered_birth_gets_a_birth_certificate_naming_the_earlier_place(marked, commune, tmp_path):
    data = {
        "applicant_name": "Nguyễn Văn Tư",
        "applicant_personal_id": "038040000777",
        "applicant_phone": PHONE,
        "applicant_address": "Thôn Đông, xã Yên Định",
        "person_name": "Nguyễn Văn Tư",
        "person_birth_date": "1944-04-24",
        "previous_place": "Ủy ban hành chính xã Yên Định cũ",
    }
    text = _text(_dossier(commune, "1.004884", data), tmp_path)
    assert "GIẤY KHAI SINH" in text and "Số: 27" in text
    assert "Họ, chữ đệm, tên: NGUYỄN VĂN TƯ" in text and "Ngày, tháng, năm sinh: 24/04/1944" in text
    assert "ghi bằng chữ: Ngày hai mươi tư, tháng tư, năm một nghìn chín trăm bốn mươi tư" in text
    assert "Đã đăng ký khai sinh trước đây tại: Ủy ban hành chính xã Yên Định cũ" in text
    assert "Họ, chữ đệm, tên người đi khai sinh: Nguyễn Văn Tư Giấy tờ tùy thân: 038040000777" in text
    _printed_nothing_it_should_not(text)

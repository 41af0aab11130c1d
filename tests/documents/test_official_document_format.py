import datetime as dt

from tests.support.signing import pdftext
from xaso.documents.official import OfficialDocument, date_line, number_and_symbol, official_pdf, symbol_of


def _notice(**overrides) -> OfficialDocument:
    values = {
        "kind": "TB",
        "issuing_body": "Ủy ban nhân dân xã Yên Định",
        "body_abbr": "UBND",
        "place": "Yên Định",
        "issued_on": dt.date(2026, 1, 5),
        "title": "Về việc tổ chức tiêm chủng mở rộng",
        "body": "Ủy ban nhân dân xã thông báo lịch tiêm chủng.\n\nĐề nghị các thôn phối hợp thực hiện.",
        "signer_name": "Trịnh Văn Hùng",
        "recipients": ["Các thôn", "Trạm y tế xã", "Lưu: VT"],
        "number": 15,
    }
    values.update(overrides)
    return OfficialDocument(**values)


def test_the_number_and_symbol_follow_the_decree():
    assert number_and_symbol(15, symbol_of("TB", "UBND")) == "15/TB-UBND"
    assert number_and_symbol(3, symbol_of("QĐ", "UBND")) == "03/QĐ-UBND"
    assert number_and_symbol(7, symbol_of("CV", "UBND", unit_abbr="VP")) == "07/UBND-VP"


def test_small_days_and_january_february_take_a_leading_zero():
    assert date_line("Yên Định", dt.date(2026, 1, 5)) == "Yên Định, ngày 05 tháng 01 năm 2026"
    assert date_line("Yên Định", dt.date(2026, 11, 23)) == "Yên Định, ngày 23 tháng 11 năm 2026"
    assert date_line("Yên Định", dt.date(2026, 3, 9)) == "Yên Định, ngày 09 tháng 3 năm 2026"


def test_the_pdf_carries_every_part_of_the_format(tmp_path):
    pdf, anchor = official_pdf(_notice())
    text = pdftext(pdf, tmp_path)
    for part in [
        "ỦY BAN NHÂN DÂN XÃ",
        "YÊN ĐỊNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/TB-UBND",
        "Yên Định, ngày 05 tháng 01 năm 2026",
        "THÔNG BÁO",
        "Về việc tổ chức tiêm chủng mở rộng",
        "Đề nghị các thôn phối hợp thực hiện.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trịnh Văn Hùng",
        "Nơi nhận:",
        "- Trạm y tế xã;",
        "- Lưu: VT.",
    ]:
        assert part in text, part
    # The signature block reserves a place for the digital signature, on the page it is on.
    assert anchor is not None and anchor.page == 0
    assert 200 < anchor.box[2] - anchor.box[0] < 220


def test_an_official_letter_has_no_kind_line_but_a_summary_under_the_number(tmp_path):
    text = pdftext(official_pdf(_notice(kind="CV", unit_abbr="VP"))[0], tmp_path)
    assert "Số: 15/UBND-VP" in text
    assert "V/v Về việc tổ chức" in text
    assert "THÔNG BÁO" not in text


def test_body_text_is_escaped_not_interpreted(tmp_path):
    text = pdftext(official_pdf(_notice(body="<b>không in đậm</b> & <script>x</script>"))[0], tmp_path)
    assert "<b>không in đậm</b> & <script>x</script>" in text

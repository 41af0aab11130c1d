"""Exported tables as PDF: one monospaced line per row, nothing cut, numbers aligned right."""

import subprocess

from xaso.dx.pdf import MAX_COLUMN, table_pdf, text_table

LONG = "Thị trấn Nông trường Thống Nhất thuộc huyện Yên Định mở rộng"


def test_numbers_align_right_and_text_left():
    header, rows = text_table(["Xã", "Điểm"], [["Yên Định", 95.5], ["Định Tân", 8.25]])
    assert header == ["Xã        Điểm"]
    assert rows == [["Yên Định  95,50"], ["Định Tân   8,25"]]


def test_a_long_cell_wraps_onto_a_second_line_of_its_row_instead_of_being_cut():
    _header, rows = text_table(["Hạng", "Xã", "Điểm"], [[1, LONG, 80.0]])
    (lines,) = rows
    assert len(lines) == 2
    assert lines[0].startswith("   1  Thị trấn") and lines[0].endswith("80,00")
    assert all(len(line) <= 4 + 2 + MAX_COLUMN + 2 + 5 for line in lines)
    assert " ".join(" ".join(lines).replace("80,00", "").split()[1:]) == LONG


def test_the_pdf_holds_every_row_in_vietnamese(tmp_path):
    rows = [[n + 1, f"Xã Thử {n}", 50 + n / 10] for n in range(120)] + [[121, LONG, 1.0]]
    data = table_pdf(title="Xếp hạng các xã", headers=["Hạng", "Xã", "Điểm"], rows=rows)
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Xếp hạng các xã" in text
    assert "Xã Thử 0" in text and "Xã Thử 119" in text and "Nông trường" in text
    assert text.count("Hạng") >= 2  # the header repeats on each page

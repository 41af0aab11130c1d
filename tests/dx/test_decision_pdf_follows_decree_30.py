"""The province's recognition decision is printed in the Decree 30/2020 layout (motto block,
issuing body, number and symbol, place and date, title, body, signature, "Nơi nhận"), its score
with a decimal comma ("74,05"), and no row of its results table is split across two pages."""

import subprocess
from datetime import datetime
from decimal import Decimal

import pytest

from tests.dx.factories import small_set
from xaso.core.calendar import LOCAL_TZ
from xaso.dx.models import Indicator
from xaso.dx.pdf import decision_pdf
from xaso.dx.services import assessments

pytestmark = pytest.mark.django_db
LONG = 40


@pytest.fixture
def decided(province, commune, commune_leader, province_supervisor):
    indicator_set = small_set(province)
    for i in range(LONG):
        words = " ".join(["chỉ tiêu dài để xuống dòng"] * 10)  # a name fits its 300 characters
        Indicator.objects.create(
            indicator_set=indicator_set,
            code=f"D{i:02d}",
            name=f"dau{i:02d} {words} cuoi{i:02d}",
            pillar="society",
            kind="count",
            target=Decimal("2.5"),
            position=10 + i,
        )
    a = assessments.assessment_register(actor=commune_leader, indicator_set=indicator_set, commune=commune)
    a.score = Decimal("74.05")
    a.level = indicator_set.levels.get(code="dat")
    a.decision_number = "12/QĐ-BCĐ"
    a.decided_at = datetime(2026, 1, 5, 10, 0, tzinfo=LOCAL_TZ)
    a.decided_by = province_supervisor
    return a


def _pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "qd.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def test_the_decision_has_the_decree_30_parts(decided, tmp_path):
    pages = _pages(decision_pdf(decided), tmp_path)
    first, whole = pages[0], " ".join(pages)
    for part in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ",
        "Số: 12/QĐ-BCĐ",
        "Thanh Hóa, ngày 05 tháng 01 năm 2026",
        "QUYẾT ĐỊNH",
    ):
        assert part in first, part
    for part in ("Điều 1.", "Nơi nhận:", "TM. BAN CHỈ ĐẠO", decided.decided_by.full_name):
        assert part in whole, part


def test_the_score_has_a_decimal_comma(decided, tmp_path):
    whole = " ".join(_pages(decision_pdf(decided), tmp_path))
    assert "74,05/100" in whole
    assert "74.05" not in whole
    assert "≥ 2,5" in whole


def test_no_row_is_split_across_pages(decided, tmp_path):
    pages = _pages(decision_pdf(decided), tmp_path)
    assert len(pages) > 1
    for i in range(LONG):
        start = next(n for n, page in enumerate(pages) if f"dau{i:02d}" in page)
        assert f"cuoi{i:02d}" in pages[start], f"row D{i:02d} is split"

import pytest

from xaso.onestop.catalog import catalogue_rows
from xaso.onestop.models import OnlineLevel, Procedure
from xaso.onestop.selectors import procedures_search
from xaso.onestop.services.catalogue import procedures_load

pytestmark = pytest.mark.django_db

REQUIRED = [
    "Đăng ký khai sinh",
    "Đăng ký khai tử",
    "Đăng ký kết hôn",
    "Đăng ký nhận cha, mẹ, con",
    "Đăng ký giám hộ",
    "cải chính",
    "Đăng ký lại khai sinh",
    "trích lục",
    "tình trạng hôn nhân",
    "Chứng thực bản sao",
    "Chứng thực chữ ký",
    "Chứng thực hợp đồng",
    "hộ kinh doanh",
    "trợ cấp xã hội hằng tháng",
    "mai táng",
    "giấy phép xây dựng nhà ở riêng lẻ",
    "làm nông nghiệp",
]


def test_the_shipped_catalogue_has_at_least_twenty_procedures():
    assert Procedure.objects.count() >= 20


@pytest.mark.parametrize("name", REQUIRED)
def test_the_catalogue_holds_each_procedure_the_issue_names(name):
    assert Procedure.objects.filter(name__icontains=name).exists(), name


def test_birth_registration_carries_its_national_code_and_a_same_day_deadline():
    birth = Procedure.objects.get(national_code="1.001193")
    assert birth.name == "Đăng ký khai sinh"
    assert birth.processing_days == 0
    assert birth.online_level == OnlineLevel.FULL
    assert birth.fee == 0
    assert {f["name"] for f in birth.form} >= {"child_name", "child_birth_date", "child_sex"}


def test_every_row_has_papers_a_form_and_a_legal_basis():
    for row in catalogue_rows():
        assert row["papers"] and row["form"] and row["legal_basis"], row["code"]


def test_loading_twice_changes_nothing():
    before = Procedure.objects.count()
    procedures_load()
    procedures_load()
    assert Procedure.objects.count() == before


def test_search_ignores_diacritics_and_case():
    names = [p.name for p in procedures_search(q="dang ky khai sinh")]
    assert "Đăng ký khai sinh" in names
    assert [p.name for p in procedures_search(q="KẾT HÔN")] == ["Đăng ký kết hôn"]


def test_search_finds_a_national_code():
    assert [p.name for p in procedures_search(q="1.001193")] == ["Đăng ký khai sinh"]

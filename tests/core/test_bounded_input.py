"""Input is bounded where it enters (xaso.core.bounds): a date outside 1900..2100, an integer
past 63 bits, an id no row can have or an offset deep enough to walk every row is a 4xx naming
the field (or a 404 from the resolver), never a 500."""

from datetime import date

import pytest
from django.urls import resolve
from django.urls.exceptions import Resolver404

from xaso.core.bounds import MAX_ID, page_number, parse_date, parse_id, parse_int
from xaso.core.errors import InvalidInput


def test_it_reads_a_date_in_either_format():
    assert parse_date("31/12/2025", field="tu") == date(2025, 12, 31)
    assert parse_date("2025-12-31", field="tu") == date(2025, 12, 31)
    assert parse_date("  ", field="tu") is None


@pytest.mark.parametrize("text", ["01/01/0001", "31/12/9999", "1899-12-31", "2101-01-01"])
def test_it_refuses_a_date_at_the_edge_of_the_calendar_naming_the_field(text):
    with pytest.raises(InvalidInput) as refused:
        parse_date(text, field="tu")
    assert refused.value.field == "tu"


def test_it_refuses_text_that_is_not_a_date():
    with pytest.raises(InvalidInput):
        parse_date("30/02/2025", field="den")


@pytest.mark.parametrize("text", ["9223372036854775808", "1" * 40, "-1", "1e9", "x"])
def test_it_refuses_an_integer_outside_its_range(text):
    with pytest.raises(InvalidInput) as refused:
        parse_int(text, field="tu", high=10**9)
    assert refused.value.field == "tu"


def test_it_reads_an_integer_inside_its_range():
    assert parse_int("42", field="tu") == 42
    assert parse_int("", field="tu", default=0) == 0


@pytest.mark.parametrize("text", ["0", "-5", str(MAX_ID + 1), "9" * 40, "abc", None])
def test_an_id_no_row_can_have_is_none(text):
    assert parse_id(text) is None


def test_a_page_past_the_last_we_serve_is_the_first():
    assert page_number("9" * 40) == 1
    assert page_number("3") == 3


@pytest.mark.parametrize(
    "path",
    [f"/thanh-toan/yeu-cau/{MAX_ID + 1}/", f"/kinh-te/lo/{'9' * 40}/tem.pdf", "/cds/cong-khai/38/9999/"],
)
def test_the_resolver_refuses_an_id_or_year_out_of_range(path):
    with pytest.raises(Resolver404):
        resolve(path)


def test_the_resolver_accepts_the_largest_id():
    assert resolve(f"/thanh-toan/yeu-cau/{MAX_ID}/").kwargs["request_id"] == MAX_ID

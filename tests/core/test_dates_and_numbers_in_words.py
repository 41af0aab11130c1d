"""Civil-status papers write a date in words ("ghi bằng chữ") beside its figures: numbers read
as Vietnamese legal forms write them (mốt, tư, lăm, linh, không trăm), months by their names."""

from datetime import date, datetime

import pytest

from xaso.core.calendar import LOCAL_TZ
from xaso.core.formats import date_in_words, number_in_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (31, "ba mươi mốt"),
        (100, "một trăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1990, "một nghìn chín trăm chín mươi"),
        (2000, "hai nghìn"),
        (2005, "hai nghìn không trăm linh năm"),
        (2010, "hai nghìn không trăm mười"),
        (2025, "hai nghìn không trăm hai mươi lăm"),
        (2031, "hai nghìn không trăm ba mươi mốt"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_200_000_000, "một tỷ hai trăm triệu"),
    ],
)
def test_a_number_reads_as_legal_forms_write_it(number, words):
    assert number_in_words(number) == words


def test_a_date_in_words_names_day_month_and_year():
    assert (
        date_in_words(date(2025, 11, 2)) == "Ngày hai, tháng mười một, năm hai nghìn không trăm hai mươi lăm"
    )


def test_april_is_thang_tu_and_january_thang_mot():
    assert (
        date_in_words(date(2026, 4, 24))
        == "Ngày hai mươi tư, tháng tư, năm hai nghìn không trăm hai mươi sáu"
    )
    assert date_in_words(date(2031, 1, 1)) == "Ngày một, tháng một, năm hai nghìn không trăm ba mươi mốt"
    assert date_in_words(date(2005, 12, 15)).endswith("tháng mười hai, năm hai nghìn không trăm linh năm")


def test_a_date_given_as_iso_text_or_a_moment_reads_the_same():
    assert date_in_words("2026-03-01") == "Ngày một, tháng ba, năm hai nghìn không trăm hai mươi sáu"
    late_evening = datetime(2026, 2, 28, 23, 30, tzinfo=LOCAL_TZ)
    assert date_in_words(late_evening).startswith("Ngày hai mươi tám, tháng hai")


def test_what_is_not_a_date_reads_as_nothing():
    assert date_in_words("") == date_in_words(None) == date_in_words("not a date") == ""

from datetime import date

import pytest
from django.utils import translation

from xaso.accounts.identity import mask_personal_id, personal_id_clean, phone_clean
from xaso.core.errors import InvalidInput


def test_a_plausible_number_is_accepted_and_spaces_removed():
    assert personal_id_clean("038 1 90 123456") == "038190123456"
    assert personal_id_clean("038190123456", date_of_birth=date(1990, 5, 1), sex="F") == "038190123456"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("03819012345", "12 digits"),
        ("03819012345a", "12 digits"),
        ("003190123456", "province code"),
        ("038590123456", "fourth digit"),
        ("038399123456", "future"),
    ],
)
def test_it_says_why_a_number_is_refused(number, reason):
    with translation.override("en"), pytest.raises(InvalidInput) as exc:
        personal_id_clean(number)
    assert reason in str(exc.value.message)
    assert exc.value.field == "personal_id"


def test_the_birth_year_must_match_the_date_of_birth():
    with translation.override("en"), pytest.raises(InvalidInput, match="born in 1990"):
        personal_id_clean("038090123456", date_of_birth=date(1991, 1, 1))


def test_the_century_digit_must_match_the_sex():
    with pytest.raises(InvalidInput):
        personal_id_clean("038090123456", sex="F")


def test_the_refusal_is_in_vietnamese_by_default():
    with translation.override("vi"), pytest.raises(InvalidInput) as exc:
        personal_id_clean("123")
    assert "12 chữ số" in str(exc.value.message)


def test_masking_keeps_only_the_ends():
    assert mask_personal_id("038190123456") == "038******456"


def test_phone_numbers_are_normalised():
    assert phone_clean("+84 912 345 678") == "0912345678"
    assert phone_clean("0912.345.678") == "0912345678"
    with pytest.raises(InvalidInput):
        phone_clean("12345")

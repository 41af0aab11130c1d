from hypothesis import given
from hypothesis import strategies as st

from xaso.core.text import fold


def test_it_strips_vietnamese_diacritics_and_case():
    assert fold("Đăng ký Khai sinh") == "dang ky khai sinh"
    assert fold("Xã Yên Định") == "xa yen dinh"
    assert fold("  Thôn   Phúc  Lộc ") == "thon phuc loc"


def test_it_treats_empty_values_as_empty():
    assert fold(None) == ""
    assert fold("") == ""


@given(st.text())
def test_folding_is_idempotent(text):
    assert fold(fold(text)) == fold(text)

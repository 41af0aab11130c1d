"""Payment codes are found in bank notes however the bank mangled them, and typos are not."""

from hypothesis import given
from hypothesis import strategies as st

from xaso.payments.references import ALPHABET, reference_is_valid, reference_new, references_in


def test_a_new_code_is_valid():
    assert all(reference_is_valid(reference_new()) for _ in range(200))


def test_it_finds_the_code_in_a_note_the_bank_rewrote():
    code = reference_new()
    spaced = f"MBVCB.3921.{code[:5]} {code[5:].lower()}.Le phi CT tu 0912000001"
    assert references_in(spaced) == [code]


def test_it_finds_nothing_in_a_note_without_a_code():
    assert references_in("Chuyen tien an trua") == []
    assert references_in("") == []


@given(st.integers(min_value=2, max_value=9), st.sampled_from(ALPHABET))
def test_any_single_wrong_symbol_makes_the_code_invalid(position, symbol):
    code = reference_new()
    if code[position] == symbol:
        return
    typo = code[:position] + symbol + code[position + 1 :]
    assert not reference_is_valid(typo)

"""Property: whatever valid input goes in, decoding the payload gives it back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaso.core.errors import InvalidInput
from xaso.payments.banks import BANKS
from xaso.payments.vietqr import crc16, note_clean, tlv, tlv_parse, vietqr_build, vietqr_parse

bins = st.sampled_from([b.bin for b in BANKS])
accounts = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=6, max_size=19)
amounts = st.none() | st.integers(min_value=1, max_value=500_000_000)
notes = st.text(max_size=60)


@given(bins, accounts, amounts, notes)
def test_encode_then_decode_gives_the_same_fields(bank_bin, account, amount, note):
    payload, clean = vietqr_build(bank_bin=bank_bin, account_number=account, amount=amount, note=note)
    assert payload.isascii()
    qr = vietqr_parse(payload)
    assert (qr.bank_bin, qr.account_number, qr.amount, qr.note) == (bank_bin, account, amount, clean.text)
    assert qr.is_dynamic == (amount is not None)
    assert crc16(payload[:-4]) == payload[-4:]


@given(notes)
def test_a_cleaned_note_is_short_ascii_and_stable(note):
    clean = note_clean(note)
    assert len(clean.text) <= 25
    assert all(ch.isalnum() and ch.isascii() or ch == " " for ch in clean.text)
    assert note_clean(clean.text).text == clean.text


@given(st.lists(st.tuples(st.from_regex(r"\A[0-9]{2}\Z"), st.text(alphabet="ABC xyz019", max_size=99))))
def test_any_run_of_fields_splits_back_into_itself(fields):
    assert tlv_parse("".join(tlv(tag, value) for tag, value in fields)) == fields


@given(bins, accounts, st.integers(min_value=1, max_value=10**6), st.integers(min_value=0), st.characters())
def test_changing_any_one_character_is_caught_by_the_crc(bank_bin, account, amount, position, char):
    payload, _ = vietqr_build(bank_bin=bank_bin, account_number=account, amount=amount, note="Le phi")
    i = position % (len(payload) - 4)
    if payload[i] == char or not char.isascii():
        return
    altered = payload[:i] + char + payload[i + 1 :]
    with pytest.raises(InvalidInput):
        vietqr_parse(altered)

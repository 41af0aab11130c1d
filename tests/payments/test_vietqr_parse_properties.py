"""Properties of VietQR decoding (outside input, issue 8 part 6): a scanned payload is decoded
or refused with a message, never a crash; cutting a valid payload anywhere is refused."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaso.core.errors import InvalidInput
from xaso.payments.vietqr import crc16, vietqr_build, vietqr_parse


@given(st.text(max_size=300))
def test_any_text_is_decoded_or_refused(text):
    try:
        vietqr_parse(text)
    except InvalidInput as exc:
        assert exc.field == "payload"


@given(st.text(alphabet="0123456789ABCDEFXYZ ", max_size=200))
def test_any_ascii_body_with_a_right_crc_is_decoded_or_refused(body):
    payload = body + "6304" + crc16(body + "6304")
    try:
        qr = vietqr_parse(payload)
    except InvalidInput as exc:
        assert exc.field == "payload"
    else:
        assert qr.bank_bin is not None


@given(st.integers(min_value=1, max_value=500_000_000), st.integers(min_value=0, max_value=10**6))
def test_a_payload_cut_short_is_refused(amount, cut):
    payload, _ = vietqr_build(
        bank_bin="970405", account_number="3600205123456", amount=amount, note="XS1 Le phi"
    )
    end = cut % (len(payload) - 1)
    with pytest.raises(InvalidInput):
        vietqr_parse(payload[:end])

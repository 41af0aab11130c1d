"""Bad input to VietQR is refused with a message naming the field, or cleaned and said so."""

import pytest
from django.utils import translation

from xaso.core.errors import InvalidInput
from xaso.payments.vietqr import note_clean, vietqr_build, vietqr_parse

EXAMPLE = (
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
    "5303704540410005802VN62150811Chuyen tien6304BBB8"
)


def build(**overrides):
    args = {"bank_bin": "970416", "account_number": "257678859", "amount": 1000, "note": "Le phi"}
    args.update(overrides)
    return vietqr_build(**args)


@pytest.mark.parametrize("bin_", ["", "97041", "9704161", "97041A", "123456"])
def test_it_refuses_a_bin_that_is_malformed_or_not_a_known_bank(bin_):
    with pytest.raises(InvalidInput) as exc:
        build(bank_bin=bin_)
    assert exc.value.field == "bank_bin"


@pytest.mark.parametrize("account", ["", "12345", "12345678901234567890", "0123-456-789", "tài khoản"])
def test_it_refuses_a_malformed_account(account):
    with pytest.raises(InvalidInput) as exc:
        build(account_number=account)
    assert exc.value.field == "account_number"


def test_it_accepts_an_account_typed_with_spaces():
    payload, _ = build(account_number="2576 7885 9")
    assert vietqr_parse(payload).account_number == "257678859"


@pytest.mark.parametrize("amount", [0, -1000, "abc", "10.5x"])
def test_it_refuses_an_amount_that_is_not_positive_or_not_a_number(amount):
    with pytest.raises(InvalidInput) as exc:
        build(amount=amount)
    assert exc.value.field == "amount"


def test_it_refuses_an_amount_above_the_configured_ceiling(settings):
    settings.PAYMENTS_MAX_AMOUNT = 2_000_000
    build(amount=2_000_000)
    with pytest.raises(InvalidInput) as exc:
        build(amount=2_000_001)
    assert exc.value.field == "amount"
    assert "2,000,000" in str(exc.value.message)


def test_a_note_loses_its_accents_and_says_so():
    clean = note_clean("Lệ phí đăng ký khai sinh")
    assert clean.text == "Le phi dang ky khai sinh"
    assert clean.accents_removed and not clean.shortened
    with translation.override("en"):
        assert any("accents" in m for m in clean.messages())


def test_a_note_loses_signs_banks_drop_and_says_so():
    clean = note_clean("HS#H38/0001 (lệ phí)")
    assert clean.text == "HS H38 0001 le phi"
    assert clean.characters_dropped


def test_a_long_note_is_cut_to_what_banks_keep_and_says_so():
    clean = note_clean("Nop tien le phi chung thuc ban sao giay to tuy than")
    assert len(clean.text) <= 25
    assert clean.shortened
    assert any("25" in m for m in clean.messages())


def test_a_plain_note_is_left_alone():
    clean = note_clean("Chuyen tien")
    assert clean.text == "Chuyen tien" and not clean.changed and clean.messages() == []


def test_the_built_payload_carries_the_cleaned_note():
    payload, clean = build(note="Phí chợ ô số 12")
    assert vietqr_parse(payload).note == "Phi cho o so 12"
    assert clean.accents_removed


def test_a_payload_with_a_wrong_crc_is_refused():
    with pytest.raises(InvalidInput):
        vietqr_parse(EXAMPLE[:-4] + "0000")


def test_a_payload_altered_in_the_middle_is_refused():
    with pytest.raises(InvalidInput):
        vietqr_parse(EXAMPLE.replace("1000", "9000"))


def test_a_payload_without_crc_is_refused():
    with pytest.raises(InvalidInput):
        vietqr_parse(EXAMPLE[:-8])


def test_an_emvco_code_of_another_network_is_refused():
    from xaso.payments.vietqr import crc16

    body = "000201010211" + "3814" + "0010A000000999" + "5303704" + "5802VN" + "6304"
    with pytest.raises(InvalidInput) as exc:
        vietqr_parse(body + crc16(body))
    assert "VietQR" in str(exc.value.message)


def test_a_payload_with_non_ascii_characters_is_refused_not_crashed():
    with pytest.raises(InvalidInput):
        vietqr_parse(EXAMPLE.replace("Chuyen", "Chuyển"))

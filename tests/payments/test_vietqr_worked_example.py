"""The encoder reproduces the worked example of shared/DOMAIN.md byte for byte, field by field."""

from xaso.payments.vietqr import crc16, tlv_parse, vietqr_build, vietqr_parse

EXAMPLE = (
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
    "5303704540410005802VN62150811Chuyen tien6304BBB8"
)


def test_it_encodes_the_worked_example_byte_for_byte():
    payload, note = vietqr_build(
        bank_bin="970416", account_number="257678859", amount=1000, note="Chuyen tien"
    )
    assert payload == EXAMPLE
    assert not note.changed


def test_the_top_level_fields_are_the_ones_domain_names_in_order():
    fields = tlv_parse(EXAMPLE)
    assert [tag for tag, _ in fields] == ["00", "01", "38", "53", "54", "58", "62", "63"]
    values = dict(fields)
    assert values["00"] == "01"
    assert values["01"] == "12"
    assert values["53"] == "704"
    assert values["54"] == "1000"
    assert values["58"] == "VN"
    assert values["63"] == "BBB8"


def test_the_beneficiary_field_carries_guid_bin_account_and_service():
    merchant = dict(tlv_parse(dict(tlv_parse(EXAMPLE))["38"]))
    assert merchant["00"] == "A000000727"
    assert dict(tlv_parse(merchant["01"])) == {"00": "970416", "01": "257678859"}
    assert merchant["02"] == "QRIBFTTA"


def test_the_note_sits_in_field_62_08():
    assert dict(tlv_parse(dict(tlv_parse(EXAMPLE))["62"])) == {"08": "Chuyen tien"}


def test_the_crc_covers_everything_before_it_including_6304():
    assert crc16(EXAMPLE[:-4]) == "BBB8"
    assert crc16(EXAMPLE[:-8]) != "BBB8"


def test_the_crc_is_ccitt_false_on_the_standard_check_string():
    # The catalogue check value of CRC-16/CCITT-FALSE for "123456789".
    assert crc16("123456789") == "29B1"


def test_it_decodes_the_worked_example():
    qr = vietqr_parse(EXAMPLE)
    assert (qr.bank_bin, qr.account_number, qr.amount, qr.note) == (
        "970416",
        "257678859",
        1000,
        "Chuyen tien",
    )
    assert qr.is_dynamic
    assert (qr.currency, qr.country, qr.service) == ("704", "VN", "QRIBFTTA")


def test_a_code_without_amount_is_static_and_has_no_field_54():
    payload, _ = vietqr_build(bank_bin="970405", account_number="3600205123456", note="Cho Yen Dinh")
    fields = dict(tlv_parse(payload))
    assert fields["01"] == "11"
    assert "54" not in fields
    assert vietqr_parse(payload).amount is None

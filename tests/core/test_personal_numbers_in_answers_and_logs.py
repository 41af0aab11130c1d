"""Masking of a form's answers and of free text: the phone and personal ID numbers in a
dossier's answers, a log line or a gateway's error never appear in full where not needed."""

import logging

from xaso.core.privacy import MaskPersonalNumbers, mask_answers, mask_text

SPEC = [
    {"name": "applicant_name", "type": "text", "label": "Họ tên"},
    {"name": "applicant_personal_id", "type": "personal_id", "label": "Số định danh"},
    {"name": "applicant_phone", "type": "phone", "label": "Điện thoại"},
    {"name": "wife_personal_id", "type": "personal_id", "label": "Số định danh của vợ"},
]


def test_only_the_phone_and_personal_id_fields_are_masked():
    data = {
        "applicant_name": "Trần Thị Bình",
        "applicant_personal_id": "038190000123",
        "applicant_phone": "0912345678",
        "wife_personal_id": "",
    }
    assert mask_answers(SPEC, data) == {
        "applicant_name": "Trần Thị Bình",
        "applicant_personal_id": "*********123",
        "applicant_phone": "091****678",
        "wife_personal_id": "",
    }


def test_free_text_masks_phones_in_both_forms_and_personal_ids():
    text = "SMS to 0912345678 and +84912345679 refused; CCCD 038190000123; dossier 15469-261201-0001"
    assert mask_text(text) == (
        "SMS to 091****678 and 091****679 refused; CCCD *********123; dossier 15469-261201-0001"
    )


def test_longer_runs_of_digits_are_not_taken_for_numbers():
    assert mask_text("ts 17648102931234 acct 3600205123456") == "ts 17648102931234 acct 3600205123456"


def test_the_log_filter_masks_the_formatted_message():
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "notify: dead: %s", ("HTTP 400: 0912345678",), None
    )
    assert MaskPersonalNumbers().filter(record) is True
    assert record.getMessage() == "notify: dead: HTTP 400: 091****678"


def test_the_projects_log_handler_carries_the_filter(caplog):
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["console"]
    assert "personal_numbers" in handler["filters"]
    assert settings.LOGGING["filters"]["personal_numbers"]["()"].endswith("MaskPersonalNumbers")

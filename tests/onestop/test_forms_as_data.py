from datetime import date

import pytest

from xaso.core.errors import InvalidInput
from xaso.onestop.forms import build_form, check_spec, clean_data, json_schema

SPEC = [
    {"name": "name", "type": "text", "label": "Họ và tên", "required": True, "max_length": 20},
    {"name": "born", "type": "date", "label": "Ngày sinh", "required": True},
    {
        "name": "sex",
        "type": "choice",
        "label": "Giới tính",
        "required": True,
        "choices": [["M", "Nam"], ["F", "Nữ"]],
    },
    {"name": "copies", "type": "integer", "label": "Số bản", "min": 1, "max": 5},
    {"name": "phone", "type": "phone", "label": "Điện thoại"},
]


def test_clean_data_returns_json_values():
    cleaned = clean_data(SPEC, {"name": "An", "born": "01/03/2026", "sex": "M", "copies": "2"})
    assert cleaned["born"] == "2026-03-01"
    assert cleaned["copies"] == 2


def test_dates_are_accepted_as_dd_mm_yyyy_or_iso_or_date_objects():
    for value in ("01/03/2026", "2026-03-01", date(2026, 3, 1)):
        assert clean_data(SPEC, {"name": "An", "born": value, "sex": "F"})["born"] == "2026-03-01"


def test_a_missing_required_field_is_named():
    with pytest.raises(InvalidInput) as exc:
        clean_data(SPEC, {"born": "01/03/2026", "sex": "M"})
    assert exc.value.field == "name"


def test_a_choice_outside_the_list_is_refused():
    with pytest.raises(InvalidInput) as exc:
        clean_data(SPEC, {"name": "An", "born": "01/03/2026", "sex": "X"})
    assert exc.value.field == "sex"


def test_bounds_and_patterns_are_enforced():
    with pytest.raises(InvalidInput) as exc:
        clean_data(SPEC, {"name": "An", "born": "01/03/2026", "sex": "M", "copies": 9})
    assert exc.value.field == "copies"
    with pytest.raises(InvalidInput) as exc:
        clean_data(SPEC, {"name": "An", "born": "01/03/2026", "sex": "M", "phone": "12345"})
    assert exc.value.field == "phone"


def test_unknown_fields_are_refused():
    with pytest.raises(InvalidInput) as exc:
        clean_data(SPEC, {"name": "An", "born": "01/03/2026", "sex": "M", "secret": "x"})
    assert exc.value.field == "secret"


def test_a_draft_may_leave_required_fields_empty_but_not_write_nonsense():
    assert clean_data(SPEC, {"name": "An"}, partial=True) == {"name": "An"}
    with pytest.raises(InvalidInput):
        clean_data(SPEC, {"born": "31/02/2026"}, partial=True)


def test_the_web_form_has_one_field_per_definition_with_its_label():
    form = build_form(SPEC)
    assert list(form.fields) == ["name", "born", "sex", "copies", "phone"]
    assert form.fields["name"].label == "Họ và tên"
    assert form.fields["name"].required and not form.fields["copies"].required


def test_the_json_schema_matches_the_definition():
    schema = json_schema(SPEC)
    assert schema["required"] == ["name", "born", "sex"]
    assert schema["properties"]["sex"]["enum"] == ["M", "F"]
    assert schema["properties"]["copies"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 5,
        "title": "Số bản",
    }
    assert schema["additionalProperties"] is False


def test_a_malformed_definition_is_refused():
    with pytest.raises(ValueError):
        check_spec([{"name": "x", "type": "colour", "label": "X"}])
    with pytest.raises(ValueError):
        check_spec([{"name": "x", "type": "choice", "label": "X"}])
    with pytest.raises(ValueError):
        check_spec([{"name": "x", "type": "text", "label": "X"}, {"name": "x", "type": "text", "label": "Y"}])

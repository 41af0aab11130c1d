"""A birth or death date in the future is refused in a dossier's answers, with a message naming
the field, on every path (web form, API, services); a date the form allows in the future (how
long a temporary stay lasts) is not."""

from datetime import timedelta

import pytest

from tests.support.dossiers import BIRTH_DATA, MARITAL_DATA
from xaso.core.calendar import local_today
from xaso.core.errors import InvalidInput
from xaso.onestop.forms import build_form, clean_data
from xaso.onestop.models import Procedure

pytestmark = pytest.mark.django_db


def _tomorrow() -> str:
    return (local_today() + timedelta(days=1)).isoformat()


def _label(procedure, name: str) -> str:
    return next(f["label"] for f in procedure.form if f["name"] == name)


def test_a_child_born_tomorrow_is_refused_naming_the_field(birth):
    with pytest.raises(InvalidInput) as refused:
        clean_data(birth.form, dict(BIRTH_DATA, child_birth_date=_tomorrow()))
    assert refused.value.field == "child_birth_date"
    message = str(refused.value.message)
    assert message.startswith(_label(birth, "child_birth_date")) and "tương lai" in message


def test_a_child_born_today_is_accepted(birth):
    today = local_today().isoformat()
    assert clean_data(birth.form, dict(BIRTH_DATA, child_birth_date=today))["child_birth_date"] == today


def test_a_death_in_the_future_is_refused():
    death = Procedure.objects.get(national_code="1.000656")
    data = {
        **{k: BIRTH_DATA[k] for k in ("applicant_name", "applicant_personal_id", "applicant_phone")},
        "applicant_address": "Thôn Phúc Lộc",
        "relationship": next(f["choices"][0][0] for f in death.form if f["name"] == "relationship"),
        "deceased_name": "Lê Văn Cả",
        "death_date": _tomorrow(),
        "death_place": "Tại nhà",
    }
    with pytest.raises(InvalidInput) as refused:
        clean_data(death.form, data)
    assert refused.value.field == "death_date"


def test_a_stay_until_next_year_is_not_a_birth_date():
    stay = Procedure.objects.get(code="dang-ky-tam-tru")
    data = {k: v for k, v in MARITAL_DATA.items() if k != "purpose"}
    cleaned = clean_data(stay.form, {**data, "stay_address": "Thôn Phúc Lộc", "stay_until": _tomorrow()})
    assert cleaned["stay_until"] == _tomorrow()


def test_the_web_form_shows_it_beside_the_field(birth):
    form = build_form(birth.form, dict(BIRTH_DATA, child_birth_date=_tomorrow()))
    assert not form.is_valid() and list(form.errors) == ["child_birth_date"]


def test_the_api_answers_a_problem_naming_the_field(login, citizen, commune):
    response = login(citizen).post(
        "/api/v1/dossiers",
        {
            "procedure": "1.001193",
            "commune": commune.code,
            "data": dict(BIRTH_DATA, child_birth_date=_tomorrow()),
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "child_birth_date"


def _yesterday() -> str:
    return (local_today() - timedelta(days=1)).isoformat()


def test_a_stay_that_ended_yesterday_is_refused_naming_the_field():
    stay = Procedure.objects.get(code="dang-ky-tam-tru")
    data = {k: v for k, v in MARITAL_DATA.items() if k != "purpose"}
    with pytest.raises(InvalidInput) as refused:
        clean_data(stay.form, {**data, "stay_address": "Thôn Phúc Lộc", "stay_until": _yesterday()})
    assert refused.value.field == "stay_until"
    assert str(refused.value.message).startswith(_label(stay, "stay_until")) and "đã qua" in str(
        refused.value.message
    )


def test_a_stay_until_today_is_accepted():
    stay = Procedure.objects.get(code="dang-ky-tam-tru")
    data = {k: v for k, v in MARITAL_DATA.items() if k != "purpose"}
    today = local_today().isoformat()
    assert (
        clean_data(stay.form, {**data, "stay_address": "Thôn Phúc Lộc", "stay_until": today})["stay_until"]
        == today
    )

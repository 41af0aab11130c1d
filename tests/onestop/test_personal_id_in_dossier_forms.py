"""A personal ID number in a dossier's answers is checked by the one rule every path uses
(`accounts.identity.personal_id_clean`: province code, century digit, birth year), whether the
dossier is filed on the web form, through the API or at the counter."""

import pytest

from tests.support.dossiers import BIRTH_DATA
from xaso.accounts.identity import personal_id_clean
from xaso.core.errors import InvalidInput
from xaso.onestop.forms import build_form, clean_data
from xaso.onestop.services.counter import dossier_receive_at_counter

pytestmark = pytest.mark.django_db

WRONG = {
    "999190000123": "not a province code",  # 999 is no province
    "038790000123": "century digit 7",
    "038399000123": "born in 2099",
    "03819000012": "11 digits",
}


@pytest.mark.parametrize("number", list(WRONG))
def test_a_number_the_identity_rule_refuses_is_refused_in_a_dossier(birth, number):
    with pytest.raises(InvalidInput):
        personal_id_clean(number)
    with pytest.raises(InvalidInput) as refused:
        clean_data(birth.form, dict(BIRTH_DATA, applicant_personal_id=number))
    assert refused.value.field == "applicant_personal_id"
    label = next(f["label"] for f in birth.form if f["name"] == "applicant_personal_id")
    assert str(refused.value.message).startswith(label)


def test_the_web_form_shows_the_rules_message_beside_the_field(birth):
    form = build_form(birth.form, dict(BIRTH_DATA, applicant_personal_id="999190000123"))
    assert not form.is_valid()
    assert "999" in form.errors["applicant_personal_id"][0]


def test_a_number_typed_with_spaces_is_kept_as_its_digits(birth):
    cleaned = clean_data(birth.form, dict(BIRTH_DATA, applicant_personal_id="038 190 000 123"))
    assert cleaned["applicant_personal_id"] == "038190000123"


def test_the_api_refuses_it_with_a_problem_naming_the_field(login, citizen, commune):
    response = login(citizen).post(
        "/api/v1/dossiers",
        {
            "procedure": "1.001193",
            "commune": commune.code,
            "data": dict(BIRTH_DATA, applicant_personal_id="999190000123"),
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "applicant_personal_id"


def test_the_counter_refuses_it_too(citizen, one_stop_officer, commune, birth):
    with pytest.raises(InvalidInput) as refused:
        dossier_receive_at_counter(
            actor=one_stop_officer,
            procedure=birth,
            papers_seen=birth.papers,
            commune=commune,
            profile=citizen.profile,
            data=dict(BIRTH_DATA, applicant_personal_id="038790000123"),
        )
    assert refused.value.field == "applicant_personal_id"

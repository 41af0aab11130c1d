"""A phone number typed as people write it — "0912 345 678", "+84 912 345 678", dots, dashes —
is accepted whole at the counter and in a procedure's form, and kept as its 10 digits; the
input is not cut short by the browser (its maxlength leaves room for the spaces)."""

import re

import pytest
from django.urls import reverse

from tests.support.dossiers import BIRTH_DATA
from xaso.accounts.models import CitizenProfile
from xaso.core.errors import InvalidInput
from xaso.onestop.forms import build_form, clean_data

pytestmark = pytest.mark.django_db

TYPED = ["0912 345 678", "+84 912 345 678", "0912.345.678", "0912-345-678", "84912345678"]


@pytest.mark.parametrize("typed", TYPED)
def test_the_counter_keeps_the_whole_number(login, one_stop_officer, typed):
    response = login(one_stop_officer).post(
        reverse("onestop:intake"), {"full_name": "Phạm Văn Dũng", "phone": typed}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert CitizenProfile.objects.get(full_name="Phạm Văn Dũng").phone == "0912345678"


def test_the_counter_input_leaves_room_for_spaces(login, one_stop_officer):
    page = login(one_stop_officer).get(reverse("onestop:intake")).content.decode()
    field = re.search(r'<input[^>]*name="phone"[^>]*>', page).group(0)
    assert int(re.search(r'maxlength="(\d+)"', field).group(1)) >= len("+84 912 345 678")


def test_a_wrong_number_is_refused_with_a_message_and_the_name_kept(login, one_stop_officer):
    response = login(one_stop_officer).post(
        reverse("onestop:intake"), {"full_name": "Phạm Văn Dũng", "phone": "0912 345"}
    )
    page = response.content.decode()
    assert response.status_code == 422 and "10 chữ số" in page and 'value="Phạm Văn Dũng"' in page


@pytest.mark.parametrize("typed", TYPED)
def test_a_procedure_form_keeps_the_whole_number(birth, typed):
    assert clean_data(birth.form, dict(BIRTH_DATA, applicant_phone=typed))["applicant_phone"] == "0912345678"


def test_a_procedure_form_input_leaves_room_for_spaces(birth):
    html = str(build_form(birth.form)["applicant_phone"])
    assert int(re.search(r'maxlength="(\d+)"', html).group(1)) >= len("+84 912 345 678")


def test_a_short_number_in_a_procedure_form_names_the_field(birth):
    with pytest.raises(InvalidInput) as refused:
        clean_data(birth.form, dict(BIRTH_DATA, applicant_phone="0912 345"))
    assert refused.value.field == "applicant_phone"

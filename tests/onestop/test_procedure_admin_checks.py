"""A system admin editing the catalogue gets a clear error on the field for a malformed fee
schedule or form, never a 500, and nothing is saved."""

import json

import pytest
from django.forms.models import model_to_dict

from xaso.onestop.models import Procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified_copy(db):
    return Procedure.objects.get(code="chung-thuc-ban-sao")


def change(client, procedure, **edits):
    data = {k: v for k, v in model_to_dict(procedure).items() if k not in ("id", "search_text")}
    data.update(edits)
    for name in ("papers", "form", "follow_ons", "fee_schedule"):
        if not isinstance(data[name], str):
            data[name] = json.dumps(data[name], ensure_ascii=False)
    data = {k: v for k, v in data.items() if v is not False}  # an unticked box is not sent
    return client.post(f"/quan-tri/onestop/procedure/{procedure.pk}/change/", data)


@pytest.mark.parametrize(
    ("schedule", "says"),
    [
        ({"per": "page", "tiers": [[2, 2000]]}, "Bậc đầu tiên phải bắt đầu từ trang 1."),
        ({"per": "page", "tiers": "2000"}, "Biểu phí cần các bậc"),
        ({"per": "page", "tiers": [[1, 2000]], "cap_per_copy": -1}, "Mức tối đa mỗi bản"),
        ([1, 2000], "Biểu phí là một đối tượng"),
    ],
)
def test_a_bad_schedule_is_an_error_on_its_field(login, system_admin, certified_copy, schedule, says):
    response = change(login(system_admin), certified_copy, fee_schedule=schedule)
    assert response.status_code == 200
    assert says in response.content.decode()
    assert Procedure.objects.get(pk=certified_copy.pk).fee_schedule == certified_copy.fee_schedule


def test_removing_the_pages_field_of_a_schedule_is_refused(login, system_admin, certified_copy):
    form = [f for f in certified_copy.form if f["name"] != "pages"]
    response = change(login(system_admin), certified_copy, form=form)
    assert response.status_code == 200 and "pages" in response.content.decode()
    assert any(f["name"] == "pages" for f in Procedure.objects.get(pk=certified_copy.pk).form)


def test_a_malformed_form_is_an_error_not_a_500(login, system_admin, certified_copy):
    response = change(login(system_admin), certified_copy, form={"name": "x"})
    assert response.status_code == 200 and "field definitions" in response.content.decode()


def test_a_good_schedule_is_saved(login, system_admin, certified_copy):
    schedule = {"per": "page", "tiers": [[1, 3000], [3, 1500]], "cap_per_copy": 250000}
    response = change(login(system_admin), certified_copy, fee_schedule=schedule)
    assert response.status_code == 302
    assert Procedure.objects.get(pk=certified_copy.pk).fee_schedule == schedule

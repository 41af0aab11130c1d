"""xaso.core.forms.form_refusals/form_render: form → service → error, once for every view."""

import pytest
from django import forms
from django.test import RequestFactory

from xaso.core.errors import USER_ERRORS, Conflict, InvalidInput, NotAllowed, NotFound, RateLimited
from xaso.core.forms import form_refusals, form_render


class NameForm(forms.Form):
    name = forms.CharField()


def bound():
    form = NameForm({"name": "Thôn Một"})
    assert form.is_valid()
    return form


def test_a_refusal_about_the_input_lands_beside_its_field_and_ends_the_block():
    form = bound()
    with form_refusals(form) as refused:
        raise InvalidInput("Tên đã có", field="name")
    assert form.errors == {"name": ["Tên đã có"]}
    assert refused.status == 422


def test_a_refusal_naming_no_field_of_the_form_is_shown_above_it():
    form = bound()
    with form_refusals(form):
        raise Conflict("Đã đổi trạng thái", field="status")
    assert form.non_field_errors() == ["Đã đổi trạng thái"]


def test_a_rate_limit_is_shown_and_its_status_kept():
    form = bound()
    with form_refusals(form) as refused:
        raise RateLimited("Chờ 15 phút", field="name")
    assert refused.status == 429


@pytest.mark.parametrize("error", [NotAllowed("no"), NotFound("no")])
def test_forbidden_and_missing_go_on_to_the_middleware(error):
    form = bound()
    with pytest.raises(type(error)), form_refusals(form):
        raise error
    assert not form.errors


def test_a_block_that_runs_through_refuses_nothing():
    form = bound()
    with form_refusals(form) as refused:
        pass
    assert refused.error is None and refused.status == 200 and not form.errors


def test_the_tuple_is_what_a_user_can_put_right():
    assert set(USER_ERRORS) == {InvalidInput, Conflict, RateLimited}


def test_a_page_with_form_errors_answers_422_else_200(db):
    request = RequestFactory().get("/")
    with_errors = NameForm({})
    assert form_render(request, "_form_errors.html", {"form": with_errors}).status_code == 422
    assert form_render(request, "_form_errors.html", {"form": NameForm()}).status_code == 200
    assert form_render(request, "_form_errors.html", {"form": with_errors}, status=429).status_code == 429

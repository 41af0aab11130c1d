"""xaso.core.permissions: the one check every service and view asks (issue 17 part 5)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from xaso.core.errors import NotAllowed
from xaso.core.permissions import holds, require

RECONCILE = "payments.reconcile"


def test_an_officer_holds_a_permission_of_their_role_in_their_own_commune_only(
    one_stop_officer, commune, other_commune
):
    assert holds(one_stop_officer, RECONCILE, commune=commune)
    assert not holds(one_stop_officer, RECONCILE, commune=other_commune)


def test_a_permission_their_role_lacks_is_not_held_even_at_home(specialist, commune):
    assert not holds(specialist, RECONCILE, commune=commune)


def test_a_province_permission_is_held_by_the_provinces_supervisor_not_by_a_commune_officer(
    province_supervisor, one_stop_officer, province, other_province
):
    assert holds(province_supervisor, "dx.manage_sets", province_code=province.code)
    assert not holds(province_supervisor, "dx.manage_sets", province_code=other_province.code)
    assert not holds(one_stop_officer, "dx.manage_plans", province_code=province.code)


def test_an_administrator_holds_everything_and_a_visitor_nothing(system_admin, commune):
    assert holds(system_admin, RECONCILE, commune=commune)
    assert not holds(AnonymousUser(), RECONCILE, commune=commune)
    assert not holds(None, RECONCILE, commune=commune)


def test_require_refuses_with_the_callers_message_or_the_generic_one(one_stop_officer, other_commune):
    with pytest.raises(NotAllowed, match="Not your till"):
        require(one_stop_officer, RECONCILE, commune=other_commune, message="Not your till")
    with pytest.raises(NotAllowed) as refused:
        require(one_stop_officer, RECONCILE, commune=other_commune)
    assert refused.value.status == 403 and str(refused.value.message)


def test_require_lets_the_holder_through(one_stop_officer, commune):
    assert require(one_stop_officer, RECONCILE, commune=commune) is None


def test_a_check_that_names_no_place_is_a_bug_not_a_yes(one_stop_officer):
    with pytest.raises(TypeError):
        holds(one_stop_officer, RECONCILE)


def test_an_unknown_permission_is_a_bug(one_stop_officer, commune):
    with pytest.raises(KeyError, match="unknown permission"):
        holds(one_stop_officer, "payments.steal", commune=commune)

"""xaso.places.selectors.commune_of: the one answer to "which commune does this officer work in"."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests import factories as f
from xaso.accounts.models import Membership
from xaso.core.errors import NotAllowed
from xaso.places.selectors import commune_of

RECONCILE = "payments.reconcile"


def test_an_officer_works_in_the_commune_of_their_membership(one_stop_officer, commune, other_commune):
    assert commune_of(one_stop_officer, RECONCILE) == commune


def test_someone_in_two_communes_gets_the_first_by_code(commune, other_commune):
    officer = f.staff("one_stop_officer", commune_obj=other_commune, username="hai_xa")
    Membership.objects.create(user=officer, role="one_stop_officer", commune=commune)
    assert commune_of(officer, RECONCILE) == min(commune, other_commune, key=lambda c: c.code)


def test_a_supervisor_reaches_the_communes_of_their_province_unless_own_is_asked(
    province_supervisor, commune, other_commune, far_commune
):
    assert commune_of(province_supervisor, "payments.view") == min(
        commune, other_commune, key=lambda c: c.code
    )
    with pytest.raises(NotAllowed):
        commune_of(province_supervisor, "payments.view", own=True)


def test_a_role_without_the_permission_works_nowhere_for_it(specialist, commune):
    with pytest.raises(NotAllowed, match="No till here"):
        commune_of(specialist, RECONCILE, message="No till here")


def test_a_visitor_works_nowhere(commune):
    with pytest.raises(NotAllowed):
        commune_of(AnonymousUser(), RECONCILE)


def test_own_keeps_the_officers_own_commune(one_stop_officer, commune, other_commune):
    assert commune_of(one_stop_officer, RECONCILE, own=True) == commune

"""Every staff role opens a dashboard with at least one card showing figures of its work today
(issue 18: "no role lands on an empty page")."""

import re

import pytest

from tests import factories as f
from xaso.accounts.roles import Role

DASHBOARD = "/bang-dieu-khien/"


def _member(role, commune, province):
    if role == Role.PROVINCE_SUPERVISOR:
        return f.staff(role, province_obj=province)
    if role == Role.SYSTEM_ADMIN:
        return f.staff(role)
    return f.staff(role, commune_obj=commune)


def test_every_role_is_checked():
    assert {r.value for r in Role} == set(ROLES)


ROLES = [r.value for r in Role]


@pytest.mark.parametrize("role", ROLES)
def test_the_role_sees_at_least_one_card_with_figures(role, client, commune, province):
    client.force_login(_member(role, commune, province))
    body = client.get(DASHBOARD).content.decode()
    cards = re.findall(r'<section class="card">.*?</section>', body, flags=re.S)
    with_figures = [c for c in cards if '<ul class="figures">' in c]
    assert with_figures, f"{role}: no card with figures"
    # A figure is a number and a label, linking to the work.
    assert re.search(r'<a href="/[^"]*"><strong>\d+</strong> \S', with_figures[0])
    assert '<p class="empty">' not in body


def test_a_village_head_tied_to_a_village_sees_its_figures(client, commune, village):
    head = f.staff(Role.VILLAGE_HEAD, commune_obj=commune)
    head.memberships.update(village=village)
    client.force_login(head)
    body = client.get(DASHBOARD).content.decode()
    assert f"village={village.pk}" in body

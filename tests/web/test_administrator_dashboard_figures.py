"""The administrator's card counts the accounts, active and switched off, each linking to the
admin's list filtered that way; nobody else gets those counts."""

from tests import factories as f
from xaso.web.cards import admin_figures


def test_the_administrator_sees_active_and_switched_off_accounts(login, system_admin, one_stop_officer):
    gone = f.user("nghiviec")
    gone.is_active = False
    gone.save()
    active, inactive = admin_figures(system_admin)
    assert (active.value, inactive.value) == (2, 1)
    body = login(system_admin).get(inactive.url).content.decode()
    assert "nghiviec" in body and "motcua" not in body


def test_a_commune_officer_gets_no_installation_counts(one_stop_officer):
    assert [fig.value for fig in admin_figures(one_stop_officer)] == [0, 0]


def test_the_counts_take_one_query(system_admin, django_assert_max_num_queries):
    assert system_admin.roles
    with django_assert_max_num_queries(1):
        admin_figures(system_admin)

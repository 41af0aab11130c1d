import pytest

from xaso.accounts.demo import DEMO_ACCOUNTS
from xaso.accounts.models import User
from xaso.core.demo import demo_run
from xaso.onestop.models import Dossier, Status

from .conftest import counts, digest

pytestmark = pytest.mark.slow


def test_every_kind_of_row_is_there(living_demo, db):
    missing = [kind for kind, n in living_demo["counts"].items() if not n]
    assert not missing, f"the demo made no {missing}"
    assert living_demo["counts"]["households"] >= 200


def test_dossiers_are_in_every_status_of_the_lifecycle(living_demo, db):
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Dossier.objects.filter(late_flagged_on__isnull=False).exists()


def test_a_second_run_changes_nothing(living_demo, db):
    demo_run()
    assert counts() == living_demo["counts"]
    assert digest() == living_demo["digest"]


def test_the_demo_accounts_dashboards_and_the_commune_portal_answer(living_demo, client, db):
    assert client.get("/xa/15469/").status_code == 200
    for username, _name, _role, _village in DEMO_ACCOUNTS:
        client.force_login(User.objects.get(username=username))
        response = client.get("/bang-dieu-khien/")
        assert response.status_code == 200, username

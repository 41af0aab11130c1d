import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.support.households import household
from xaso.accounts.demo import demo_load
from xaso.community.models import Household
from xaso.core.demo import DemoRefused, demo_run
from xaso.places.models import Village


def test_a_commune_s_households_refuse_the_demo_with_a_clear_message(db, settings, commune, village):
    settings.DEBUG = True
    household(commune, village, "HK-001")
    with pytest.raises(CommandError, match=r"communes' work the demo did not create \(households: 1\)"):
        call_command("demo")


def test_real_work_in_the_demo_commune_itself_refuses_it_before_the_demo_ran(db):
    commune = demo_load()
    household(commune, Village.objects.filter(commune=commune).first(), "HK-9")
    with pytest.raises(DemoRefused):
        demo_run()
    assert Household.objects.count() == 1

"""Once a commune keeps a household list, a help-log entry must name one of its households (by
code, or by the head's name as the village says it, "Hộ ông …"); an entry for a household
that does not exist is refused with a message on the household field, and nothing is logged."""

import pytest

from tests.support.households import household
from xaso.core.errors import InvalidInput
from xaso.dx.models import HelpLog
from xaso.dx.services import digital_teams


@pytest.fixture
def listed(commune, village):
    return household(commune, village, "HK-001", head_name="Lê Văn Tư", search_text="hk-001 le van tu")


def test_it_refuses_a_help_log_for_a_household_that_does_not_exist(commune, village_head, listed):
    with pytest.raises(InvalidInput) as refused:
        digital_teams.help_log(actor=village_head, commune=commune, household="HK-999", action="eid")
    assert refused.value.field == "household"
    assert not HelpLog.objects.exists()


def test_the_quick_form_names_the_household_field_when_it_does_not_exist(
    commune, village_head, village, listed, login
):
    r = login(village_head).post(
        "/cds/ho-tro/", {"household": "Hộ ông Trần Văn Không", "village": village.pk, "action": "eid"}
    )
    assert r.status_code == 422
    assert "household" in r.context["form"].errors
    assert not HelpLog.objects.exists()


def test_a_household_named_by_code_or_by_its_head_is_logged_with_its_code(
    commune, village_head, village, listed
):
    by_code = digital_teams.help_log(actor=village_head, commune=commune, household="hk-001", action="eid")
    by_head = digital_teams.help_log(
        actor=village_head, commune=commune, household="Hộ ông Lê Văn Tư", village=village, action="eid"
    )
    assert by_code.household_ref == by_head.household_ref == "HK-001"
    assert by_code.household_key == by_head.household_key


def test_a_commune_without_a_household_list_logs_the_name_as_given(commune, village_head):
    log = digital_teams.help_log(actor=village_head, commune=commune, household="Hộ bà Mai", action="eid")
    assert log.household == "Hộ bà Mai" and log.household_ref == ""

"""The engine owns issuance (`issue_result`): only the clerk of the dossier's commune, only
after the leader signed, only once; a signed result is delivered only once issued."""

import pytest

from tests import factories as f
from tests.support.signing import PASSPHRASE
from xaso.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from xaso.onestop.issuance import dossier_result_issue, issuance_of
from xaso.onestop.models import Status
from xaso.onestop.results import dossier_result_sign
from xaso.onestop.selectors import dossier_for
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.workflow import dossier_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(approved, commune_leader, credential):
    dossier_result_sign(
        actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
    )
    return approved


def test_the_clerk_cannot_issue_before_the_leader_signs(approved, clerk, seal_credential):
    with pytest.raises(Conflict) as refused:
        dossier_result_issue(actor=clerk, dossier=approved, secret=PASSPHRASE)
    assert "chưa ký" in str(refused.value.message)
    assert issuance_of(approved) is None


def test_a_result_is_issued_once(signed, clerk, seal_credential):
    dossier_result_issue(actor=clerk, dossier=signed, secret=PASSPHRASE)
    with pytest.raises(Conflict):
        dossier_result_issue(actor=clerk, dossier=signed, secret=PASSPHRASE)
    assert signed.events.filter(action="issue_result").count() == 1


@pytest.mark.parametrize("who", ["commune_leader", "one_stop_officer", "specialist", "citizen"])
def test_only_the_clerk_issues(signed, seal_credential, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(NotAllowed):
        dossier_result_issue(actor=actor, dossier=signed, secret=PASSPHRASE)
    assert issuance_of(signed) is None


def test_a_clerk_of_another_commune_cannot_issue(signed, other_commune, seal_credential):
    stranger = f.staff("clerk", commune_obj=other_commune, username="vanthu2")
    with pytest.raises(NotFound):
        dossier_for(stranger, signed.code)
    with pytest.raises(NotAllowed):
        dossier_result_issue(actor=stranger, dossier=signed, secret=PASSPHRASE)


def test_issuing_is_not_a_button_of_the_generic_actions(signed, clerk, one_stop_officer):
    assert "issue_result" not in dossier_actions(signed, clerk)
    with pytest.raises(InvalidInput):
        dossier_act(actor=clerk, dossier=signed, action="issue_result")


def test_a_signed_result_is_delivered_only_once_issued(signed, clerk, one_stop_officer, seal_credential):
    ready = dossier_act(actor=one_stop_officer, dossier=signed, action="result_ready")
    with pytest.raises(Conflict) as refused:
        dossier_act(actor=one_stop_officer, dossier=ready, action="deliver")
    assert "văn thư" in str(refused.value.message)
    # issuing works from "result ready" too, then delivery goes through
    dossier_result_issue(actor=clerk, dossier=ready, secret=PASSPHRASE)
    delivered = dossier_act(actor=one_stop_officer, dossier=ready, action="deliver")
    assert delivered.status == Status.DELIVERED


def test_an_unsigned_result_is_delivered_as_before(approved, one_stop_officer):
    ready = dossier_act(actor=one_stop_officer, dossier=approved, action="result_ready")
    assert dossier_act(actor=one_stop_officer, dossier=ready, action="deliver").status == Status.DELIVERED


def test_a_delivered_result_can_no_longer_be_issued(approved, one_stop_officer, clerk, seal_credential):
    ready = dossier_act(actor=one_stop_officer, dossier=approved, action="result_ready")
    dossier_act(actor=one_stop_officer, dossier=ready, action="deliver")
    with pytest.raises(Conflict):
        dossier_result_issue(actor=clerk, dossier=ready, secret=PASSPHRASE)

"""Only the commune leader decides where the commune's payments go."""

import pytest

from xaso.core.errors import InvalidInput, NotAllowed
from xaso.payments.models import CollectionAccount
from xaso.payments.services import collection_account_set


def test_the_leader_sets_the_account_and_a_new_one_replaces_it(commune, commune_leader, account):
    newer = collection_account_set(
        actor=commune_leader,
        commune=commune,
        bank_bin="970418",
        account_number="12010000123456",
        account_name="UBND",
    )
    assert list(CollectionAccount.objects.filter(commune=commune, is_active=True)) == [newer]
    account.refresh_from_db()
    assert not account.is_active


def test_a_one_stop_officer_cannot_redirect_payments(commune, one_stop_officer):
    with pytest.raises(NotAllowed):
        collection_account_set(
            actor=one_stop_officer,
            commune=commune,
            bank_bin="970405",
            account_number="123456789",
            account_name="X",
        )


def test_a_leader_of_another_commune_cannot_set_this_one(commune, other_commune):
    from tests import factories as f

    other_leader = f.staff("commune_leader", commune_obj=other_commune, username="ld2")
    with pytest.raises(NotAllowed):
        collection_account_set(
            actor=other_leader,
            commune=commune,
            bank_bin="970405",
            account_number="123456789",
            account_name="X",
        )


def test_an_unknown_bank_is_refused(commune, commune_leader):
    with pytest.raises(InvalidInput) as exc:
        collection_account_set(
            actor=commune_leader,
            commune=commune,
            bank_bin="970999",
            account_number="123456789",
            account_name="X",
        )
    assert exc.value.field == "bank_bin"

"""`xaso demo` gives the demo commune a collection account, so fee QR codes show at once."""

import pytest

from xaso.accounts.demo import demo_load
from xaso.payments.models import CollectionAccount

pytestmark = pytest.mark.django_db


def test_the_demo_commune_collects_into_one_active_account_after_each_load():
    commune = demo_load()
    demo_load()  # idempotent
    account = CollectionAccount.objects.get(commune=commune)
    assert account.is_active and account.bank_bin == "970405"

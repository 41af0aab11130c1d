"""Demo data of the payments app: the demo commune collects into a (made-up) Agribank
account, so that fee QR codes show after `make run`. Hooked to accounts' `demo_loaded`."""

from xaso.accounts.models import User
from xaso.payments.selectors import collection_account_active
from xaso.payments.services import collection_account_set

DEMO_ACCOUNT = {"bank_bin": "970405", "account_number": "3600205123456", "account_name": "UBND XA YEN DINH"}


def collection_account_demo(sender=None, *, commune, **kwargs):
    """Give the demo commune a collection account unless it has one (idempotent)."""
    if collection_account_active(commune) is not None:
        return None
    leader = User.objects.get(username="lanhdao")  # the demo commune leader
    return collection_account_set(actor=leader, commune=commune, **DEMO_ACCOUNT)

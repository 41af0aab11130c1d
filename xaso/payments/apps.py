from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "xaso.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from xaso.accounts.demo import demo_loaded
        from xaso.payments import cards  # noqa: F401  (registers the cashier's dashboard card)
        from xaso.payments.demo import collection_account_demo

        demo_loaded.connect(collection_account_demo, dispatch_uid="payments.collection_account_demo")

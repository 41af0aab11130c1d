from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "xaso.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from xaso.payments import cards  # noqa: F401  (registers the cashier's dashboard card)

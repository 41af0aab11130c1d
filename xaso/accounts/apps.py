from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "xaso.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from xaso.accounts import personal_data  # noqa: F401  (registers the app's part of "download my data")

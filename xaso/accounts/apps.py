from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "xaso.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from xaso.accounts import personal_data  # noqa: F401  (registers the app's part of "download my data")
        from xaso.accounts.demo import DEMO_STEP
        from xaso.accounts.signin import on_user_logged_in, on_user_login_failed
        from xaso.core.demo import register_step

        register_step(DEMO_STEP)  # `xaso demo`: the commune, its villages and accounts first

        # Every door (page, admin, registration, API) sends these: one place sets the staff
        # session's length and audits sign-ins (xaso/accounts/signin.py).
        user_logged_in.connect(on_user_logged_in, dispatch_uid="xaso.accounts.signin.logged_in")
        user_login_failed.connect(on_user_login_failed, dispatch_uid="xaso.accounts.signin.login_failed")

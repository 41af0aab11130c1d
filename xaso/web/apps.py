from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "xaso.web"
    label = "web"
    verbose_name = _("Web shell")

    def ready(self):
        from xaso.web import cards  # noqa: F401  (registers the shell's own dashboard cards)

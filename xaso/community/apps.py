from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "xaso.community"
    label = "community"
    verbose_name = _("Community")

    def ready(self):
        from xaso.community import (
            cards,  # noqa: F401  (registers the app's dashboard cards)
            personal_data,  # noqa: F401  (registers the app's part of "download my data")
            portal,  # noqa: F401  (registers the app's sections of the commune portal)
        )

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
            public_pages,  # noqa: F401  (what changes cached public pages)
        )
        from xaso.community.demo import DEMO_STEP, POINTS_STEP
        from xaso.core.demo import register_step

        register_step(DEMO_STEP)  # `xaso demo`: households, notices, radio, info pages, feedback
        register_step(POINTS_STEP)  # `xaso demo`: wifi and digital-support points

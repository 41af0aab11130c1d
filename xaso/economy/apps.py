from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "xaso.economy"
    label = "economy"
    verbose_name = _("Digital economy")

    def ready(self):
        from xaso.core.demo import register_step
        from xaso.economy import (
            cards,  # noqa: F401  (registers the economy dashboard cards)
            portal,  # noqa: F401  (registers the app's section of the commune portal)
            public_pages,  # noqa: F401  (what changes cached public pages)
        )
        from xaso.economy.demo import DEMO_STEP

        register_step(DEMO_STEP)  # `xaso demo`: payment points, producers, products, stamps

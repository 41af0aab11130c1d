from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DxConfig(AppConfig):
    name = "xaso.dx"
    label = "dx"
    verbose_name = _("Digital transformation")

    def ready(self):
        # Registering: the dashboard cards of dx, the DX section of the commune portal, what
        # changes cached public pages.
        from xaso.core.demo import register_step
        from xaso.dx import cards, portal, public_pages  # noqa: F401
        from xaso.dx.calculators import dx_own, other_apps  # noqa: F401  (register the calculators)
        from xaso.dx.demo_step import DEMO_STEP, NEWS_STEP

        register_step(DEMO_STEP)  # `xaso demo`: indicator set, teams, plan, assessments
        register_step(NEWS_STEP)  # `xaso demo`: the commune's DX news

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    name = "xaso.onestop"
    label = "onestop"
    verbose_name = _("One-stop shop")

    def ready(self):
        from xaso.documents.signing.subjects import register_subject_file_route
        from xaso.onestop import (
            cards,  # noqa: F401  (registers the dashboard cards)
            personal_data,  # noqa: F401  (registers the app's part of "download my data")
            portal,  # noqa: F401  (registers the app's section of the commune portal)
            public_pages,  # noqa: F401  (what changes cached public pages)
            results,
        )
        from xaso.onestop.services import fee_payment

        fee_payment.register()  # dossier fees are settled by xaso.payments
        # A dossier's signed result is served behind the dossier's door, not to any code holder.
        register_subject_file_route(results.SUBJECT_TYPE, results.result_file_url)

        from xaso.core.demo import register_step
        from xaso.onestop.demo import DEMO_STEP

        register_step(DEMO_STEP)  # `xaso demo`: dossiers in every status

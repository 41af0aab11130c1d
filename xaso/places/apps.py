from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "xaso.places"
    label = "places"
    verbose_name = _("Places")

    def ready(self):
        from xaso.places import public_pages  # noqa: F401  (what changes cached public pages)

from django.apps import AppConfig
from django.urls import register_converter

from xaso.core.bounds import IdConverter, YearConverter


class CoreConfig(AppConfig):
    name = "xaso.core"
    label = "core"
    verbose_name = "xaso core"

    def ready(self):
        # `<id:...>` in every app's urls.py: a row id that fits 64 bits, else 404.
        register_converter(IdConverter, "id")
        register_converter(YearConverter, "year")

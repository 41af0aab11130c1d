from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xaso.core"
    label = "core"
    verbose_name = "xaso core"

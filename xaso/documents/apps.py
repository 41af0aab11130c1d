from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "xaso.documents"
    label = "documents"
    verbose_name = "Official documents and digital signatures"

    def ready(self):
        from xaso.documents import cards  # noqa: F401  (registers the dashboard card)

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate

from xaso.documents.registry import fulltext


def _fulltext_ensure(sender, using, **kwargs):
    fulltext.ensure(connections[using])


class DocumentsConfig(AppConfig):
    name = "xaso.documents"
    label = "documents"
    verbose_name = "Official documents and digital signatures"

    def ready(self):
        from xaso.core.demo import register_step
        from xaso.documents import cards  # noqa: F401  (registers the dashboard card)
        from xaso.documents.demo import DEMO_STEP

        register_step(DEMO_STEP)  # `xaso demo`: TEST certificates, documents, a meeting

        # Django rebuilds SQLite tables (dropping their triggers) on some column changes.
        post_migrate.connect(_fulltext_ensure, sender=self, dispatch_uid="documents_fulltext")

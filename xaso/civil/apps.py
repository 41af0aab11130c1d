from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from xaso.civil import fulltext


def _fulltext_ensure(sender, using, **kwargs):
    fulltext.ensure(connections[using])


class CivilConfig(AppConfig):
    name = "xaso.civil"
    label = "civil"
    verbose_name = _("Civil-status register")

    def ready(self):
        from xaso.civil import (
            cards,  # noqa: F401  (registers the dashboard card)
            extracts,
            hooks,
        )
        from xaso.civil.demo import DEMO_STEP
        from xaso.core.demo import register_step

        hooks.register()  # the register records an entry when a civil-status dossier is approved
        extracts.register()  # an approved extract dossier is linked to the entry it copies
        register_step(DEMO_STEP)  # `xaso demo`: a few entries in the demo commune
        # A table rebuild drops the search index's triggers (SQLite): put them back.
        post_migrate.connect(_fulltext_ensure, sender=self, dispatch_uid="civil_fulltext")

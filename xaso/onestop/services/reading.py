"""Who looked: every staff opening of a dossier's personal data is recorded (`DossierView`)."""

from datetime import timedelta

from django.utils import timezone

from xaso.accounts.models import User
from xaso.onestop.models import Dossier, DossierView

# Reloading a dossier within this time is the same look, not a new one.
VIEW_DEDUP_MINUTES = 15


def dossier_view_record(*, actor: User, dossier: Dossier) -> bool:
    """Record that a staff member opened a dossier's detail. Rules: the dossier's own citizen is
    not recorded (it is theirs); one row per viewer and dossier per quarter hour. The table is
    the record of who read whose personal data (it is not copied to the audit chain)."""
    if dossier.citizen_id == actor.pk or not getattr(actor, "is_authenticated", False):
        return False
    since = timezone.now() - timedelta(minutes=VIEW_DEDUP_MINUTES)
    if DossierView.objects.filter(dossier=dossier, viewer=actor, at__gte=since).exists():
        return False
    DossierView.objects.create(dossier=dossier, viewer=actor)
    return True

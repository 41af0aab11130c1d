"""An officer's confirmation that a dossier's event is not a duplicate of the look-alike
entries the register found: the approval then records it (xaso.civil.hooks)."""

from django.db import transaction
from django.utils.translation import gettext as _

from xaso.civil.hooks import DECIDING, dossier_alikes
from xaso.civil.models import DuplicateConfirmation
from xaso.civil.permissions import REGISTER
from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput
from xaso.core.permissions import require
from xaso.onestop.models import Dossier


def duplicate_confirm(*, actor, dossier: Dossier, note: str = "") -> DuplicateConfirmation:
    """Confirm the dossier's event is not one of its look-alike entries. Rules: only who keeps
    the commune's register (civil.register_entry); only while the dossier is being decided;
    only when there are look-alikes; it covers those shown (a new one asks again)."""
    require(actor, REGISTER, commune=dossier.commune)
    if dossier.status not in DECIDING:
        raise Conflict(_("This dossier is no longer being decided."), field="dossier")
    note = " ".join((note or "").split())[:300]
    with transaction.atomic():
        alikes = dossier_alikes(dossier)
        if not alikes:
            raise InvalidInput(
                _("The register holds no look-alike of this dossier's event."), field="dossier"
            )
        confirmation, _created = DuplicateConfirmation.objects.update_or_create(
            dossier=dossier,
            defaults={"confirmed_by": actor, "entries": [e.pk for e in alikes], "note": note},
        )
        audit_record(
            actor=actor,
            action="duplicate_confirmation.create",
            target=confirmation,
            summary=dossier.code or "",
            changes={"dossier": dossier.code, "entries": [e.pk for e in alikes]},
            commune_code=dossier.commune_id,
        )
    return confirmation

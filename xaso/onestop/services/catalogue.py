"""The procedure catalogue: the shipped rows and which procedures a commune offers."""

from django.db import transaction
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.permissions import require
from xaso.onestop.catalog import catalogue_rows, load_into
from xaso.onestop.models import Procedure, ProcedureSwitch
from xaso.places.models import Commune

MANAGE_PROCEDURES = "onestop.manage_procedures"


def procedures_load() -> int:
    """Create or update the shipped catalogue (idempotent). Rules: admins' own rows untouched."""
    with transaction.atomic():
        count = load_into(Procedure, catalogue_rows())
        audit_record(actor=None, action="procedure.load", summary=f"{count} procedures")
    return count


def procedure_switch(*, actor, commune: Commune, procedure: Procedure, enabled: bool) -> ProcedureSwitch:
    """Offer a procedure in a commune or stop offering it. Rules: onestop.manage_procedures in
    that commune; dossiers already filed are not affected."""
    require(
        actor, MANAGE_PROCEDURES, commune=commune, message=_("You cannot change this commune's procedures.")
    )
    with transaction.atomic():
        switch, _created = ProcedureSwitch.objects.update_or_create(
            commune=commune, procedure=procedure, defaults={"enabled": enabled}
        )
        audit_record(
            actor=actor,
            action="procedure.switch",
            target=procedure,
            commune_code=commune.code,
            changes={"enabled": enabled},
        )
    return switch


def offered_check(commune: Commune, procedure: Procedure) -> None:
    """InvalidInput unless the commune offers the procedure (active, not switched off there)."""
    off = ProcedureSwitch.objects.filter(commune=commune, procedure=procedure, enabled=False).exists()
    if not procedure.is_active or off:
        raise InvalidInput(_("This commune does not offer this procedure."), field="procedure")

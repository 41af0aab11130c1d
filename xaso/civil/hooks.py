"""The register's part in a dossier's life (xaso.onestop.hooks): an approved civil-status
dossier records its entry in the approval's transaction (a refusal there refuses the approval),
and the result paper asks which entry it is issued from."""

from django.utils.translation import gettext as _

from xaso.civil.checks import PossibleDuplicate, look_alikes
from xaso.civil.dossiers import registered_event
from xaso.civil.models import DuplicateConfirmation, RegisterEntry
from xaso.civil.services.entries import entry_record, entry_values
from xaso.core.calendar import local_today
from xaso.core.workflow import Move
from xaso.onestop import hooks
from xaso.onestop.models import Dossier


def confirmed_for(dossier: Dossier, alikes: list[RegisterEntry]) -> bool:
    """Whether an officer confirmed the dossier is no duplicate of every one of `alikes`."""
    confirmation = DuplicateConfirmation.objects.filter(dossier=dossier).first()
    return confirmation is not None and {e.pk for e in alikes} <= set(confirmation.entries)


def dossier_alikes(dossier: Dossier) -> list[RegisterEntry]:
    """The entries the dossier's event may duplicate ([] for a dossier that registers none)."""
    event = registered_event(dossier)
    if event is None:
        return []
    kind, data = event
    return look_alikes(entry_values(data), kind=kind)


def entry_on_approval(dossier: Dossier, move: Move) -> None:
    event = registered_event(dossier)
    if event is None or RegisterEntry.objects.filter(dossier=dossier).exists():
        return
    kind, data = event
    alikes = look_alikes(entry_values(data), kind=kind)
    try:
        entry_record(
            actor=move.actor,
            commune=dossier.commune,
            kind=kind,
            data=data,
            dossier=dossier,
            confirmed=confirmed_for(dossier, alikes),
            registered_on=local_today(move.at),
            village=dossier.village,
        )
    except PossibleDuplicate as refusal:
        raise PossibleDuplicate(
            f"{refusal.message} "
            + _("Check it on the register's page of dossier %(code)s (Civil-status register).")
            % {"code": dossier.code},
            entries=refusal.entries,
        ) from None


def mark_of(dossier: Dossier) -> hooks.RegisterMark | None:
    entry = RegisterEntry.objects.filter(dossier=dossier).select_related("book").first()
    if entry is None:
        return None
    return hooks.RegisterMark(
        number=str(entry.number), book=entry.book.name, registered_on=entry.registered_on, entry_id=entry.pk
    )


def register() -> None:
    hooks.on_approved(entry_on_approval)
    hooks.register_marks(mark_of)

"""The register's part in a dossier's life (xaso.onestop.hooks): an approved civil-status
dossier records its entry in the approval's transaction (a refusal there refuses the approval),
and the result paper asks which entry it is issued from."""

from django.db.models import Q
from django.utils.translation import gettext as _

from xaso.civil.checks import PossibleDuplicate, look_alikes
from xaso.civil.dossiers import BY_CATALOGUE_CODE, BY_NATIONAL_CODE, registered_event
from xaso.civil.models import DuplicateConfirmation, RegisterEntry
from xaso.civil.permissions import REGISTER
from xaso.civil.services.entries import entry_record, entry_values
from xaso.core.calendar import local_today
from xaso.core.workflow import Move
from xaso.onestop import hooks
from xaso.onestop.models import Dossier, Status
from xaso.onestop.selectors import dossiers_for

# A dossier is being decided (a confirmation can be given, the approval will record its entry).
DECIDING = frozenset(
    {
        Status.SUBMITTED,
        Status.RECEIVED,
        Status.ASSIGNED,
        Status.PROCESSING,
        Status.RESUBMITTED,
        Status.AWAITING_APPROVAL,
    }
)


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


def dossiers_to_check(actor, *, limit: int = 20) -> list[tuple[Dossier, list[RegisterEntry]]]:
    """Civil-status dossiers of the actor's communes still being decided whose event looks
    like an entry of the register and that no officer confirmed yet, with the look-alikes
    (the oldest first, at most `limit`)."""
    codes = Q(procedure__national_code__in=list(BY_NATIONAL_CODE)) | Q(
        procedure__code__in=list(BY_CATALOGUE_CODE)
    )
    waiting = (
        dossiers_for(actor, perm=REGISTER)
        .filter(codes, status__in=sorted(DECIDING))
        .exclude(pk__in=DuplicateConfirmation.objects.values("dossier_id"))
        .select_related("procedure")
        .order_by("received_at", "pk")
    )
    found = []
    for dossier in waiting[:200]:
        alikes = dossier_alikes(dossier)
        if alikes:
            found.append((dossier, alikes))
            if len(found) >= limit:
                break
    return found


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
    if dossier.pk is None:  # a paper drawn from data (an extract copy's sheet): no entry of its own
        return None
    entry = RegisterEntry.objects.filter(dossier=dossier).select_related("book").first()
    if entry is None:
        return None
    return hooks.RegisterMark(
        number=str(entry.number), book=entry.book.name, registered_on=entry.registered_on, entry_id=entry.pk
    )


def register() -> None:
    hooks.on_approved(entry_on_approval)
    hooks.register_marks(mark_of)

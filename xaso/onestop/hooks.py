"""Where apps above onestop plug into a dossier's life without onestop importing them.

- `on_approved(fn)`: `fn(dossier, move)` runs in the approval's transaction, after the event row
  is written (the engine's `after` of the "approve" transition). The civil-status register
  records its entry here; an error it raises (a domain error) refuses the approval.
- `register_marks(fn)`: `fn(dossier) -> RegisterMark | None` tells the result paper which
  register entry it is issued from ("Số", "Quyển số", the registration date). The first
  provider that answers wins; a paper with no entry prints the outgoing registry's number.

Providers register from their AppConfig.ready(), as portal sections and dashboard cards do."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from xaso.core.workflow import Move
from xaso.onestop.models import Dossier


@dataclass(frozen=True)
class RegisterMark:
    number: str  # "Số": the entry's number in its book
    book: str  # "Quyển số": the book, e.g. "01/2026"
    registered_on: date  # the date the entry was registered
    entry_id: int | None = None


ApprovedHook = Callable[[Dossier, Move], None]
MarkProvider = Callable[[Dossier], RegisterMark | None]

_approved: list[ApprovedHook] = []
_marks: list[MarkProvider] = []


def on_approved(fn: ApprovedHook) -> ApprovedHook:
    if fn not in _approved:
        _approved.append(fn)
    return fn


def register_marks(fn: MarkProvider) -> MarkProvider:
    if fn not in _marks:
        _marks.append(fn)
    return fn


def approved_run(dossier: Dossier, move: Move) -> None:
    """Run every approval hook (called by the engine through xaso.onestop.effects)."""
    for fn in _approved:
        fn(dossier, move)


def register_mark_for(dossier: Dossier) -> RegisterMark | None:
    for fn in _marks:
        mark = fn(dossier)
        if mark is not None:
            return mark
    return None

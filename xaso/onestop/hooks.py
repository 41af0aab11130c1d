"""Where apps above onestop plug into a dossier's life without onestop importing them.

- `on_approved(fn)`: `fn(dossier, move)` runs in the approval's transaction, after the event row
  is written (the engine's `after` of the "approve" transition). The civil-status register
  records its entry here; an error it raises (a domain error) refuses the approval.
- `register_marks(fn)`: `fn(dossier) -> RegisterMark | None` tells the result paper which
  register entry it is issued from ("Số", "Quyển số", the registration date). The first
  provider that answers wins; a paper with no entry prints the outgoing registry's number.
- `extract_sources(fn)`: `fn(dossier) -> ExtractSource | None` hands an extract-copy dossier
  (procedure 2.000635) the entry it copies: its kind, its CURRENT data under the names the
  papers' builders read, its mark and the later corrections the copy notes. The copy is a new
  issuance: it gets the outgoing registry's number (no register mark for the extract dossier).

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


@dataclass(frozen=True)
class ExtractSource:
    kind: str  # the entry's kind ("birth", "death", "marriage", …)
    data: dict  # the entry's current data, as the answers the kind's paper builder reads
    mark: RegisterMark  # the entry's "Số", "Quyển số" and registration date
    corrections: list[str]  # one printed line per later correction or change


ApprovedHook = Callable[[Dossier, Move], None]
MarkProvider = Callable[[Dossier], RegisterMark | None]

_approved: list[ApprovedHook] = []
_marks: list[MarkProvider] = []
ExtractProvider = Callable[[Dossier], ExtractSource | None]
_extracts: list[ExtractProvider] = []


def on_approved(fn: ApprovedHook) -> ApprovedHook:
    if fn not in _approved:
        _approved.append(fn)
    return fn


def register_marks(fn: MarkProvider) -> MarkProvider:
    if fn not in _marks:
        _marks.append(fn)
    return fn


def extract_sources(fn: ExtractProvider) -> ExtractProvider:
    if fn not in _extracts:
        _extracts.append(fn)
    return fn


def extract_source_for(dossier: Dossier) -> ExtractSource | None:
    for fn in _extracts:
        source = fn(dossier)
        if source is not None:
            return source
    return None


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

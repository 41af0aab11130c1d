"""The papers a procedure requires (`Procedure.papers`, "papers to bring"), checked before a
dossier goes in:

- online, each required paper is in the draft — uploaded, or chosen from the citizen's
  wallet of earlier papers — under its name (the review step offers one upload and one
  wallet choice per paper). The declaration itself ("Tờ khai…", "Đơn đề nghị…", "Giấy đề
  nghị…") is the form the citizen fills in, so it is not uploaded;
- at the counter, the officer ticks each paper as seen (the originals are in hand; scanning
  them stays optional).

The refusal lists what is missing. Filing through the API (no draft, no papers) is not
checked here: its clients bring the papers when the commune asks for them."""

from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput
from xaso.core.text import fold
from xaso.onestop.models import Dossier, Procedure

DECLARATION_PREFIXES = ("Tờ khai", "Đơn đề nghị", "Giấy đề nghị")


def is_declaration(paper: str) -> bool:
    return paper.strip().startswith(DECLARATION_PREFIXES)


def papers_to_upload(procedure: Procedure) -> list[str]:
    """The papers an online dossier must carry (all but the declaration the form replaces)."""
    return [p for p in procedure.papers if not is_declaration(p)]


def papers_missing_online(dossier: Dossier) -> list[str]:
    """The required papers the draft does not hold yet (matched by name, without diacritics)."""
    held = {fold(label) for label in dossier.files.values_list("label", flat=True)}
    return [p for p in papers_to_upload(dossier.procedure) if fold(p) not in held]


def papers_missing_at_counter(procedure: Procedure, seen) -> list[str]:
    """The required papers the officer did not tick as seen."""
    ticked = {fold(p) for p in seen or ()}
    return [p for p in procedure.papers if fold(p) not in ticked]


def papers_refuse(missing: list[str], *, field: str) -> None:
    """Refuse with one message listing what is missing (nothing missing: pass)."""
    if missing:
        raise InvalidInput(
            _("These papers are missing: %(papers)s.") % {"papers": "; ".join(missing)}, field=field
        )

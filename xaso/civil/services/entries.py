"""Register an event, amend an entry, note the paper issued from it."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from xaso.civil.checks import dates_check, duplicates_refusal, look_alikes, marriage_check
from xaso.civil.models import EntryAmendment, EntryKind, RegisterBook, RegisterEntry, Sex
from xaso.civil.permissions import AMEND, REGISTER
from xaso.core.audit import audit_record
from xaso.core.bounds import check_date, parse_date
from xaso.core.calendar import local_today
from xaso.core.counters import next_number
from xaso.core.errors import InvalidInput
from xaso.core.permissions import require
from xaso.core.text import fold
from xaso.places.models import Commune, Village

# The columns an entry's data names, with their maximum lengths (text) or None (dates).
TEXT_FIELDS = {"name": 150, "place": 300, "other_name": 150, "father_name": 150, "mother_name": 150}
DATE_FIELDS = ("birth_date", "event_date", "other_birth_date")
FOLDED = {
    "name": "name_folded",
    "other_name": "other_folded",
    "father_name": "father_folded",
    "mother_name": "mother_folded",
}
# What an amendment may change (the entry's number, book, kind and dates of registration never).
AMENDABLE = (*TEXT_FIELDS, *DATE_FIELDS, "sex")


def _date(value, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return check_date(value, field=field)
    return parse_date(str(value), field=field)


def _text(value, field: str) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > TEXT_FIELDS[field]:
        raise InvalidInput(
            _("Write at most %(n)d characters.") % {"n": TEXT_FIELDS[field]},
            field=field,
        )
    return text


def _sex(value) -> str:
    value = str(value or "")
    if value and value not in Sex.values:
        raise InvalidInput(_("Choose the sex from the list."), field="sex")
    return value


def entry_values(data: dict) -> dict:
    """The entry's column values from `data` (text trimmed, dates parsed, names folded); an
    InvalidInput names the first field that is not right."""
    values = {field: _text(data.get(field), field) for field in TEXT_FIELDS}
    values.update({field: _date(data.get(field), field) for field in DATE_FIELDS})
    values["sex"] = _sex(data.get("sex"))
    values.update({folded: fold(values[field])[:150] for field, folded in FOLDED.items()})
    details = data.get("details") or {}
    if not isinstance(details, dict):
        raise InvalidInput(_("The event's details are not valid."), field="details")
    values["details"] = details
    if not values["name"]:
        raise InvalidInput(_("Enter the person's full name."), field="name")
    return values


def _book_take(commune: Commune, kind: str, year: int) -> tuple[RegisterBook, int]:
    """The book of the commune, kind and year (made at its first use) and its next number;
    the book's row stays locked until the transaction ends (gap-free, xaso.core.counters)."""
    number = next_number(RegisterBook, commune=commune, kind=kind, year=year)
    return RegisterBook.objects.get(commune=commune, kind=kind, year=year), number


def entry_record(
    *,
    actor,
    commune: Commune,
    kind: str,
    data: dict,
    dossier=None,
    confirmed: bool = False,
    registered_on: date | None = None,
    village: Village | None = None,
) -> RegisterEntry:
    """Record an event in the commune's register (the checks of xaso.civil.checks, then the
    next number of its book). Rules: the caller has checked who may register (`entry_register`
    or the approval of a dossier); runs in the caller's transaction; `confirmed` lets a
    look-alike of an existing entry through (an officer checked it)."""
    if kind not in EntryKind.values:
        raise InvalidInput(_("Choose the kind of event from the list."), field="kind")
    if village is not None and village.commune_id != commune.pk:
        raise InvalidInput(_("Choose a village of the commune."), field="village")
    registered_on = registered_on or local_today()
    values = entry_values(data)
    dates_check(
        kind=kind,
        registered_on=registered_on,
        birth_date=values["birth_date"],
        event_date=values["event_date"],
    )
    with transaction.atomic():
        if kind == EntryKind.MARRIAGE:
            if not values["other_name"]:
                raise InvalidInput(_("Enter the wife's full name."), field="other_name")
            marriage_check(values)
        if not confirmed:
            alikes = look_alikes(values, kind=kind)
            if alikes:
                raise duplicates_refusal(alikes)
        book, number = _book_take(commune, kind, registered_on.year)
        entry = RegisterEntry.objects.create(
            book=book,
            number=number,
            commune=commune,
            kind=kind,
            registered_on=registered_on,
            village=village,
            dossier=dossier,
            registered_by=actor if getattr(actor, "is_authenticated", False) else None,
            **values,
        )
        audit_record(
            actor=actor,
            action="register_entry.create",
            target=entry,
            summary=f"{EntryKind(kind).label} {number}/{book.name}",
            changes={
                "kind": kind,
                "book": book.name,
                "number": number,
                "dossier": getattr(dossier, "code", None),
            },
            commune_code=commune.code,
        )
    return entry


def entry_register(
    *,
    actor,
    commune: Commune,
    kind: str,
    data: dict,
    dossier=None,
    confirm_duplicates: bool = False,
    registered_on: date | None = None,
    village: Village | None = None,
) -> RegisterEntry:
    """Register an event in the commune's register. Rules: only who keeps the register there
    (civil.register_entry); a birth after the registration, a death before the birth, a
    marriage of someone already married, or an unconfirmed look-alike of an entry is refused
    naming the field (xaso.civil.checks); the number is the book's next, without gaps."""
    require(actor, REGISTER, commune=commune)
    return entry_record(
        actor=actor,
        commune=commune,
        kind=kind,
        data=data,
        dossier=dossier,
        confirmed=confirm_duplicates,
        registered_on=registered_on,
        village=village,
    )


def _shown(value) -> str:
    return value.isoformat() if isinstance(value, date) else (value or "")


def entry_amend(*, actor, entry: RegisterEntry, changes: dict, reason: str, decision: str) -> RegisterEntry:
    """Correct or change an entry. Rules: only who amends the commune's register
    (civil.amend_entry); a reason and the decision it rests on are required; only the person's
    data changes (never the number, book, kind or registration date); the values before and
    after are kept in an amendment row, and the entry shows the new ones; the dates are checked
    as at registration."""
    require(actor, AMEND, commune=entry.commune)
    reason, decision = " ".join((reason or "").split()), " ".join((decision or "").split())
    if not reason:
        raise InvalidInput(_("Give the reason for the correction."), field="reason")
    if not decision:
        raise InvalidInput(_("Name the decision the correction rests on."), field="decision")
    if len(decision) > 300:
        raise InvalidInput(_("Write at most %(n)d characters.") % {"n": 300}, field="decision")
    unknown = sorted(set(changes) - set(AMENDABLE))
    if unknown:
        raise InvalidInput(_("This information cannot be amended."), field=unknown[0])
    with transaction.atomic():
        entry = RegisterEntry.objects.select_for_update().select_related("book", "commune").get(pk=entry.pk)
        current = {field: getattr(entry, field) for field in AMENDABLE}
        proposed = entry_values({**current, **changes, "details": entry.details})
        diff = {
            field: [_shown(current[field]), _shown(proposed[field])]
            for field in changes
            if proposed[field] != current[field]
        }
        if not diff:
            raise InvalidInput(
                _("Nothing would change: edit at least one value."), field=next(iter(changes), None)
            )
        dates_check(
            kind=entry.kind,
            registered_on=entry.registered_on,
            birth_date=proposed["birth_date"],
            event_date=proposed["event_date"],
        )
        for field in diff:
            setattr(entry, field, proposed[field])
            if field in FOLDED:
                setattr(entry, FOLDED[field], proposed[FOLDED[field]])
        entry.save()
        EntryAmendment.objects.create(
            entry=entry,
            actor=actor,
            actor_name=getattr(actor, "full_name", "")[:150],
            reason=reason,
            decision=decision,
            changes=diff,
        )
        audit_record(
            actor=actor,
            action="register_entry.amend",
            target=entry,
            summary=f"{entry.number}/{entry.book.name}: {', '.join(diff)}",
            changes={"fields": sorted(diff), "decision": decision},
            commune_code=entry.commune_id,
        )
    return entry


def entry_paper_note(*, actor, entry: RegisterEntry, paper_code: str) -> RegisterEntry:
    """Note on the entry the number and symbol of the signed paper issued from it (the result
    of its dossier, or an extract). Rules: who keeps or issues from the commune's register."""
    require(actor, REGISTER, commune=entry.commune)
    paper_code = (paper_code or "").strip()[:60]
    with transaction.atomic():
        RegisterEntry.objects.filter(pk=entry.pk).update(paper_code=paper_code)
        audit_record(
            actor=actor,
            action="register_entry.paper_note",
            target=entry,
            summary=paper_code,
            commune_code=entry.commune_id,
        )
    entry.paper_code = paper_code
    return entry

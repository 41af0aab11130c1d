"""What the register refuses before it records an entry (Law on Civil Status 2014): dates that
cannot be (a birth after its registration, a death before the birth), a marriage of someone
already married in the register, and a look-alike of an entry already there that no officer
confirmed (a birth: the same child's name, birth date and mother; a death: the same name and
birth date, or the same death date, or the same personal ID). The checks read the whole
register, every commune: a person registered twice is registered twice wherever it was."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from xaso.civil.models import EntryKind, RegisterEntry
from xaso.core.errors import Conflict, InvalidInput

BIRTH_KINDS = (EntryKind.BIRTH, EntryKind.REREGISTRATION)


class PossibleDuplicate(Conflict):
    """The event looks like entries already in the register; `entries` lists them."""

    code = "possible_duplicate"

    def __init__(self, message, *, entries: list[RegisterEntry]):
        super().__init__(message, field="duplicate")
        self.entries = entries

    def problem(self) -> dict:
        body = super().problem()
        body["duplicates"] = [
            {"id": e.pk, "number": e.number, "book": e.book.name, "commune": e.commune_id}
            for e in self.entries
        ]
        return body


def dates_check(*, kind: str, registered_on: date, birth_date: date | None, event_date: date | None) -> None:
    """Refuse a birth after the registration, a death after the registration or before the birth."""
    if birth_date and birth_date > registered_on:
        raise InvalidInput(_("The date of birth is after the date of registration."), field="birth_date")
    if event_date and event_date > registered_on:
        raise InvalidInput(_("The date of the event is after the date of registration."), field="event_date")
    if kind == EntryKind.DEATH and event_date and birth_date and event_date < birth_date:
        raise InvalidInput(_("The date of death is before the date of birth."), field="event_date")


def _same_person(
    columns: tuple[str, str], folded: str, born: date | None, personal_id: str, id_key: str
) -> Q:
    """Entries naming this person in `columns` (folded name, birth date): the same folded name
    and birth date, or the same personal ID under `id_key` of the details."""
    condition = Q(pk__in=[])
    if folded and born:
        condition |= Q(**{columns[0]: folded, columns[1]: born})
    if personal_id:
        condition |= Q(**{f"details__{id_key}": personal_id})
    return condition


def _is_dead(folded: str, born: date | None, personal_id: str) -> bool:
    condition = Q(pk__in=[])
    if folded and born:
        condition |= Q(name_folded=folded, birth_date=born)
    if personal_id:
        condition |= Q(details__deceased_personal_id=personal_id)
    return RegisterEntry.objects.filter(condition, kind=EntryKind.DEATH).exists()


def _married_to(folded: str, born: date | None, personal_id: str) -> RegisterEntry | None:
    """A marriage in the register that still binds this person: the other spouse not dead."""
    as_husband = _same_person(("name_folded", "birth_date"), folded, born, personal_id, "husband_personal_id")
    as_wife = _same_person(
        ("other_folded", "other_birth_date"), folded, born, personal_id, "wife_personal_id"
    )
    for marriage in RegisterEntry.objects.filter(
        as_husband | as_wife, kind=EntryKind.MARRIAGE
    ).select_related("book"):
        husband = marriage.name_folded == folded and marriage.birth_date == born
        husband = husband or (personal_id and marriage.details.get("husband_personal_id") == personal_id)
        if husband:
            spouse = (
                marriage.other_folded,
                marriage.other_birth_date,
                marriage.details.get("wife_personal_id", ""),
            )
        else:
            spouse = (
                marriage.name_folded,
                marriage.birth_date,
                marriage.details.get("husband_personal_id", ""),
            )
        if not _is_dead(*spouse):
            return marriage
    return None


def marriage_check(values: dict) -> None:
    """Refuse a marriage when either spouse is already married in the register."""
    details = values["details"]
    spouses = (
        ("name", values["name_folded"], values["birth_date"], details.get("husband_personal_id", "")),
        (
            "other_name",
            values["other_folded"],
            values["other_birth_date"],
            details.get("wife_personal_id", ""),
        ),
    )
    for field, folded, born, personal_id in spouses:
        marriage = _married_to(folded, born, personal_id)
        if marriage is not None:
            raise Conflict(
                _(
                    "%(name)s is already married in the register (number %(number)s, book %(book)s): "
                    "a marriage cannot be registered."
                )
                % {
                    "name": values["name"] if field == "name" else values["other_name"],
                    "number": marriage.number,
                    "book": marriage.book.name,
                },
                field=field,
                code="already_married",
            )


def look_alikes(values: dict, *, kind: str) -> list[RegisterEntry]:
    """Entries of the register the event may duplicate (see the module's rules)."""
    folded = values["name_folded"]
    if kind in BIRTH_KINDS and values["birth_date"]:
        condition = Q(
            kind__in=BIRTH_KINDS,
            name_folded=folded,
            birth_date=values["birth_date"],
            mother_folded=values["mother_folded"],
        )
    elif kind == EntryKind.DEATH:
        condition = Q(pk__in=[])
        if values["birth_date"]:
            condition |= Q(name_folded=folded, birth_date=values["birth_date"])
        if values["event_date"]:
            condition |= Q(name_folded=folded, event_date=values["event_date"])
        personal_id = values["details"].get("deceased_personal_id")
        if personal_id:
            condition |= Q(details__deceased_personal_id=personal_id)
        condition &= Q(kind=EntryKind.DEATH)
    else:
        return []
    return list(RegisterEntry.objects.filter(condition).select_related("book", "commune").order_by("pk")[:10])


def duplicates_refusal(entries: list[RegisterEntry]) -> PossibleDuplicate:
    listed = ", ".join(
        _("number %(number)s, book %(book)s (%(commune)s)")
        % {"number": e.number, "book": e.book.name, "commune": e.commune.name}
        for e in entries
    )
    return PossibleDuplicate(
        _(
            "This event may already be in the register: %(entries)s. A civil-status officer must "
            "check it and confirm it is not a duplicate before it is registered."
        )
        % {"entries": listed},
        entries=entries,
    )

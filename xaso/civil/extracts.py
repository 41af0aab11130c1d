"""Extract copies (bản sao trích lục hộ tịch, procedure 2.000635): the dossier names the entry
(its kind, the person's name, and the birth date or the entry's number and year when more
than one could match); on approval the register finds it in the dossier's commune and links
them (`EntryExtract`), refusing the approval with a message naming the field when none or
several match. The paper (xaso.onestop.papers.copies) then prints the entry's CURRENT data,
which `extract_source_of` hands over through xaso.onestop.hooks, with the later corrections."""

from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from xaso.civil.models import EntryAmendment, EntryExtract, EntryKind, RegisterEntry
from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.formats import day
from xaso.core.text import fold
from xaso.core.workflow import Move
from xaso.onestop import hooks
from xaso.onestop.models import Dossier

EXTRACT_CODE = "2.000635"

# The form's "Loại trích lục" → the kinds of entry it copies.
KINDS_BY_CHOICE = {
    "khai_sinh": (EntryKind.BIRTH, EntryKind.REREGISTRATION),
    "khai_tu": (EntryKind.DEATH,),
    "ket_hon": (EntryKind.MARRIAGE,),
    "nhan_cha_me_con": (EntryKind.RECOGNITION,),
    "giam_ho": (EntryKind.GUARDIANSHIP,),
    "thay_doi_cai_chinh": (EntryKind.CHANGE,),
}
SEX_PRINTED = {"M": "Nam", "F": "Nữ"}
# How the correction note names an amended field (the paper is Vietnamese, never translated).
FIELD_PRINTED = {
    "name": "Họ, chữ đệm và tên",
    "birth_date": "Ngày, tháng, năm sinh",
    "sex": "Giới tính",
    "event_date": "Ngày xảy ra sự kiện",
    "place": "Nơi xảy ra sự kiện",
    "other_name": "Họ, chữ đệm và tên người thứ hai",
    "other_birth_date": "Ngày sinh người thứ hai",
    "father_name": "Họ, chữ đệm và tên người cha",
    "mother_name": "Họ, chữ đệm và tên người mẹ",
}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def entries_named_by(dossier: Dossier) -> QuerySet[RegisterEntry]:
    """The entries of the dossier's commune that match what the dossier names."""
    data = dossier.data or {}
    kinds = KINDS_BY_CHOICE.get(str(data.get("record_kind") or ""))
    if kinds is None:
        raise InvalidInput(_("Choose which kind of extract is asked for."), field="record_kind")
    name = fold(str(data.get("person_name") or "")).strip()
    if not name:
        raise InvalidInput(_("Enter the full name of the person the entry is about."), field="person_name")
    found = RegisterEntry.objects.filter(commune_id=dossier.commune_id, kind__in=kinds, name_folded=name)
    born = _date(data.get("person_birth_date")) if data.get("person_birth_date") else None
    if born is not None:
        found = found.filter(birth_date=born)
    number, year = _int(data.get("entry_number")), _int(data.get("entry_year"))
    if number is not None:
        found = found.filter(number=number)
    if year is not None:
        found = found.filter(book__year=year)
    return found


def entry_named_by(dossier: Dossier) -> RegisterEntry:
    """The one entry the dossier names; an InvalidInput naming the field otherwise."""
    data = dossier.data or {}
    found = list(entries_named_by(dossier).select_related("book")[:2])
    if not found:
        field = "entry_number" if data.get("entry_number") else "person_name"
        raise InvalidInput(
            _(
                "No entry of this commune's civil-status register matches the extract asked for: "
                "check the kind, the person's name, the date of birth and the entry's number."
            ),
            field=field,
        )
    if len(found) > 1:
        field = "person_birth_date" if not data.get("person_birth_date") else "entry_number"
        raise InvalidInput(
            _(
                "Several entries of the register match the extract asked for: give the date of "
                "birth or the entry's number and year."
            ),
            field=field,
        )
    return found[0]


def extract_on_approval(dossier: Dossier, move: Move) -> None:
    """Link an approved extract dossier to the entry it copies (in the approval's transaction:
    a refusal here refuses the approval)."""
    if dossier.procedure.national_code != EXTRACT_CODE:
        return
    if EntryExtract.objects.filter(dossier=dossier).exists():
        return
    entry = entry_named_by(dossier)
    EntryExtract.objects.create(entry=entry, dossier=dossier)
    audit_record(
        actor=move.actor,
        action="entry_extract.link",
        target=entry,
        commune_code=dossier.commune_id,
        summary=f"{entry.number}/{entry.book.name} → {dossier.code}",
    )


def _people(entry: RegisterEntry) -> dict:
    """The entry's current data under the answers' names the kind's paper builder reads."""
    d = entry.details or {}
    born = day(entry.birth_date)
    declarant = {
        "applicant_name": d.get("declarant_name", ""),
        "applicant_personal_id": d.get("declarant_personal_id", ""),
        "applicant_address": d.get("declarant_address", ""),
        "relationship": d.get("declarant_relationship", ""),
    }
    sex = SEX_PRINTED.get(entry.sex, "")
    if entry.kind in (EntryKind.BIRTH, EntryKind.REREGISTRATION):
        return {
            **declarant,
            "child_name": entry.name,
            "child_birth_date": entry.birth_date,
            "child_sex": sex,
            "child_ethnicity": d.get("ethnicity", ""),
            "child_birth_place": entry.place,
            "mother_name": entry.mother_name,
            "father_name": entry.father_name,
            "previous_place": d.get("previous_place", ""),
        }
    if entry.kind == EntryKind.DEATH:
        return {
            **declarant,
            "deceased_name": entry.name,
            "deceased_birth_date": born,
            "deceased_sex": sex,
            "deceased_personal_id": d.get("deceased_personal_id", ""),
            "death_date": entry.event_date,
            "death_place": entry.place,
            "death_cause": d.get("death_cause", ""),
        }
    if entry.kind == EntryKind.MARRIAGE:
        return {
            "husband_name": entry.name,
            "husband_birth_date": born,
            "husband_personal_id": d.get("husband_personal_id", ""),
            "wife_name": entry.other_name,
            "wife_birth_date": day(entry.other_birth_date),
            "wife_personal_id": d.get("wife_personal_id", ""),
        }
    if entry.kind == EntryKind.RECOGNITION:
        return {
            "applicant_name": entry.other_name,
            "applicant_birth_date": day(entry.other_birth_date),
            "recognised_name": entry.name,
            "recognised_birth_date": born,
            "relation": d.get("relation", ""),
        }
    if entry.kind == EntryKind.GUARDIANSHIP:
        return {
            "applicant_name": entry.other_name,
            "applicant_birth_date": day(entry.other_birth_date),
            "ward_name": entry.name,
            "ward_birth_date": born,
            "ward_birth_place": entry.place,
            "kind": d.get("guardianship_kind", ""),
        }
    return {  # a change or correction of civil status
        "person_name": entry.name,
        "person_birth_date": born,
        "record_kind": d.get("record_kind", ""),
        "content": d.get("content", ""),
        "reason": d.get("reason", ""),
    }


def _shown(field: str, value) -> str:
    if field == "sex":
        return SEX_PRINTED.get(str(value), str(value or ""))
    return day(value) if field.endswith("date") else str(value or "")


def correction_lines(entry: RegisterEntry) -> list[str]:
    """One printed line per amendment of the entry, oldest first: its date, what changed and
    the decision it rests on."""
    lines = []
    for amendment in EntryAmendment.objects.filter(entry=entry).order_by("at", "pk"):
        changed = "; ".join(
            f"{FIELD_PRINTED.get(field, field)}: “{_shown(field, before)}” thành “{_shown(field, after)}”"
            for field, (before, after) in (amendment.changes or {}).items()
        )
        lines.append(f"Ngày {day(amendment.at)}, {changed or 'cải chính'} (theo {amendment.decision}).")
    return lines


def extract_source_of(dossier: Dossier) -> hooks.ExtractSource | None:
    """The entry an extract dossier copies, as the paper prints it; None for any other dossier."""
    if dossier.pk is None or dossier.procedure.national_code != EXTRACT_CODE:
        return None
    link = EntryExtract.objects.filter(dossier=dossier).select_related("entry__book").first()
    if link is None:
        return None
    entry = link.entry
    mark = hooks.RegisterMark(
        number=str(entry.number), book=entry.book.name, registered_on=entry.registered_on, entry_id=entry.pk
    )
    return hooks.ExtractSource(
        kind=entry.kind, data=_people(entry), mark=mark, corrections=correction_lines(entry)
    )


def register() -> None:
    hooks.on_approved(extract_on_approval)
    hooks.extract_sources(extract_source_of)

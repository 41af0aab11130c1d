"""What every civil-status paper shares: the commune's heading, the register mark ("Số",
"Quyển số", the registration date), the dossier's answers as the form prints them, and the
`OfficialDocument` that carries the form's template through the PDF and signing pipeline.

Numbering: a paper issued from a register entry prints the entry's number, book and
registration date (`xaso.onestop.hooks.register_mark_for`). Without an entry it prints the
dotted lines the paper form has for hand-numbering, the signing day as the registration date,
and reserves the number box under "Số" (`NUMBER_ANCHOR`, as outgoing documents do): the
outgoing registry's number is taken by the clerk at issuance, after the leader has signed, so
it cannot be printed inside the leader's signature; the clerk's seal stamps it into that box
where the commune issues with its seal, and the dotted line stays for the pen where it does
not."""

from dataclasses import dataclass
from datetime import date

from xaso.core.calendar import local_today
from xaso.core.formats import answer_text, date_in_words, day
from xaso.documents.official import OfficialDocument
from xaso.onestop.hooks import register_mark_for
from xaso.onestop.models import Dossier

# What the paper form prints where nothing is written: a line for the pen.
DOTS = "…………………………"
COMMUNE_PREFIXES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ")


def commune_heading(commune) -> tuple[str, str]:
    """The issuing body ("ỦY BAN NHÂN DÂN XÃ YÊN ĐỊNH") and the place in the date line ("Yên Định")."""
    place = commune.name
    for prefix in COMMUNE_PREFIXES:
        place = place.removeprefix(prefix)
    return f"ỦY BAN NHÂN DÂN {commune.name.upper()}", place


def registration_place(commune) -> str:
    """ "Ủy ban nhân dân xã Yên Định, tỉnh Thanh Hóa": where the event was registered."""
    place = f"Ủy ban nhân dân {commune.name[:1].lower()}{commune.name[1:]}"
    province = commune.province
    return (
        f"{place}, {province.type.lower()} {province.name}" if province.type else f"{place}, {province.name}"
    )


def answer(dossier: Dossier, *names: str) -> str:
    """The first of the named answers the dossier has, as people read it (a choice by its
    label, a date dd/mm/yyyy); '' when none. A name the form does not define (a line the
    register or a later form fills) prints as given."""
    fields = {item["name"]: item for item in dossier.procedure.form}
    for name in names:
        value = (dossier.data or {}).get(name)
        if value not in (None, "", False):
            return answer_text(fields.get(name, {"type": "text"}), value)
    return ""


def raw(dossier: Dossier, *names: str):
    for name in names:
        value = (dossier.data or {}).get(name)
        if value not in (None, "", False):
            return value
    return None


def line(text: str) -> str:
    """A filled line, or the form's dotted line when there is nothing to print."""
    return text or DOTS


def date_lines(value) -> tuple[str, str]:
    """A date as the form asks it: in figures (dd/mm/yyyy) and in words."""
    return line(day(value)), line(date_in_words(value))


@dataclass(frozen=True)
class Registration:
    number: str
    book: str
    registered_on: date
    from_register: bool


def registration_of(dossier: Dossier) -> Registration:
    mark = register_mark_for(dossier)
    if mark is None:
        return Registration(DOTS, DOTS, local_today(), False)
    return Registration(line(mark.number), line(mark.book), mark.registered_on, True)


def paper_document(
    dossier: Dossier,
    *,
    printed_kind: str,
    template: str,
    lines: dict,
    signer_name: str,
    is_test: bool,
    signer_heading: str = "",
) -> OfficialDocument:
    """A civil-status paper: the form's template and its lines, with the register mark and the
    commune's heading every form has, as a document the signing pipeline renders."""
    commune = dossier.commune
    issuing_body, place = commune_heading(commune)
    registration = registration_of(dossier)
    paper = {
        "number": registration.number,
        "book": registration.book,
        "registered_on": day(registration.registered_on),
        "registered_in_words": date_in_words(registration.registered_on),
        "registration_place": registration_place(commune),
        "signer_heading": signer_heading or f"NGƯỜI KÝ {printed_kind}",
        **lines,
    }
    return OfficialDocument(
        kind="GXN",
        printed_kind=printed_kind,
        issuing_body=issuing_body,
        body_abbr="UBND",
        place=place,
        issued_on=local_today(),
        title=f"{printed_kind} — {dossier.code}",
        body="",
        signer_name=signer_name,
        is_test=is_test,
        reserve_number_box=not registration.from_register,
        template=template,
        paper=paper,
    )

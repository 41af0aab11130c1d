"""Bản sao trích lục hộ tịch (procedure 2.000635): a copy issued later from a register entry,
on the form of the entry's kind, with the entry's CURRENT data (corrections included, never
the extract dossier's answers), the entry's "Số" and "Quyển số", "BẢN SAO" marked, and a note
of the corrections made after registration. The register (xaso.civil) hands the entry over
through `hooks.extract_source_for`; onestop never reads it. The copy is a new issuance: its
number box is reserved for the outgoing registry's number the clerk's seal stamps at issue."""

from dataclasses import replace

from xaso.core.formats import date_in_words, day
from xaso.documents.official import OfficialDocument
from xaso.onestop.hooks import extract_source_for
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.papers.base import line
from xaso.onestop.papers.birth import birth_certificate
from xaso.onestop.papers.extracts import (
    correction_extract,
    death_extract,
    guardianship_extract,
    marriage_certificate,
    recognition_extract,
)

EXTRACT_CODE = "2.000635"

# The entry's kind → the paper its copy is printed on, and the copy's name on that form.
BY_KIND = {
    "birth": (birth_certificate, "TRÍCH LỤC KHAI SINH"),
    "reregistration": (birth_certificate, "TRÍCH LỤC KHAI SINH"),
    "death": (death_extract, "TRÍCH LỤC KHAI TỬ"),
    "marriage": (marriage_certificate, "TRÍCH LỤC KẾT HÔN"),
    "recognition": (recognition_extract, "TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON"),
    "guardianship": (guardianship_extract, "TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ"),
    "change": (correction_extract, "TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH HỘ TỊCH"),
}


def extract_copy(dossier: Dossier, *, signer_name: str, is_test: bool) -> OfficialDocument | None:
    """The copy of the entry the dossier asks for; None before the register has linked one
    (the dossier is not approved yet), so the result keeps the Decree 30 certification."""
    source = extract_source_for(dossier)
    if source is None or source.kind not in BY_KIND:
        return None
    builder, printed_kind = BY_KIND[source.kind]
    # The entry's data as an unsaved dossier of the same commune and code: the builders read
    # answers by name (values already printed as the form prints them; no form definitions).
    sheet = Dossier(
        procedure=Procedure(form=[], national_code=""),
        commune=dossier.commune,
        code=dossier.code,
        data=source.data,
    )
    paper = builder(sheet, signer_name=signer_name, is_test=is_test)
    mark = source.mark
    return replace(
        paper,
        printed_kind=printed_kind,
        title=f"{printed_kind} (BẢN SAO) — {dossier.code}",
        reserve_number_box=True,
        paper={
            **paper.paper,
            "is_copy": True,
            "number": line(mark.number),
            "book": line(mark.book),
            "registered_on": day(mark.registered_on),
            "registered_in_words": date_in_words(mark.registered_on),
            "corrections": list(source.corrections),
        },
    )

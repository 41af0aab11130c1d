"""The statutory papers of the civil-status procedures: one builder per form of Circular
04/2020/TT-BTP (as amended by 04/2024/TT-BTP), each filling its template in
templates/onestop/papers/ on the shared base (`base.py`, `base.html`). `paper_for` is what
`xaso.onestop.results.result_document` asks first; a procedure with no form here keeps the
Decree 30 certification there.

Numbers: from the register entry the paper is issued from (`register_mark_for`), else the
form's dotted line and a number box the clerk's seal stamps the outgoing registry's number
into at issuance (see `base.py`: that number comes after the leader's signature)."""

from collections.abc import Callable

from xaso.documents.official import OfficialDocument
from xaso.onestop.models import Dossier
from xaso.onestop.papers.birth import birth_certificate
from xaso.onestop.papers.copies import EXTRACT_CODE, extract_copy
from xaso.onestop.papers.extracts import (
    correction_extract,
    death_extract,
    guardianship_extract,
    marital_status_certificate,
    marriage_certificate,
    recognition_extract,
)

Builder = Callable[..., OfficialDocument]

# By the procedure's national code (xaso/onestop/data/procedures.json).
PAPERS: dict[str, Builder] = {
    "1.001193": birth_certificate,  # Đăng ký khai sinh
    "1.004884": birth_certificate,  # Đăng ký lại khai sinh
    "1.000689": birth_certificate,  # Khai sinh kết hợp nhận cha, mẹ, con
    "1.000656": death_extract,  # Đăng ký khai tử
    "1.000894": marriage_certificate,  # Đăng ký kết hôn
    "1.004873": marital_status_certificate,  # Xác nhận tình trạng hôn nhân
    "1.001022": recognition_extract,  # Đăng ký nhận cha, mẹ, con
    "1.004859": correction_extract,  # Thay đổi, cải chính, bổ sung hộ tịch
}

# The civil-status procedures the catalogue ships without a national code, by their own code.
PAPERS_BY_CODE: dict[str, Builder] = {
    "dang-ky-giam-ho": guardianship_extract,  # Đăng ký giám hộ
}


def paper_for(dossier: Dossier, *, signer_name: str = "", is_test: bool = False) -> OfficialDocument | None:
    """The dossier's result as its statutory form, or None when its procedure has none here."""
    procedure = dossier.procedure
    if procedure.national_code == EXTRACT_CODE:  # a copy from the register (papers/copies.py)
        return extract_copy(dossier, signer_name=signer_name, is_test=is_test)
    builder = PAPERS.get(procedure.national_code) or PAPERS_BY_CODE.get(procedure.code)
    if builder is None:
        return None
    return builder(dossier, signer_name=signer_name, is_test=is_test)

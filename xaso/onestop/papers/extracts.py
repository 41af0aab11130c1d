"""The other civil-status papers a commune issues on registration, one builder per form of
Circular 04/2020/TT-BTP (as amended by 04/2024/TT-BTP): Trích lục khai tử, Giấy chứng nhận kết
hôn, Giấy xác nhận tình trạng hôn nhân, Trích lục đăng ký nhận cha, mẹ, con, Trích lục thay
đổi, cải chính hộ tịch, Trích lục đăng ký giám hộ. Each prints its form's lines only: names,
dates in figures (and in words where the form asks), places, choices by their label, the
personal ID numbers its form has a line for; never a phone or an e-mail. A line the dossier
has no answer for keeps the form's dotted line."""

from xaso.documents.official import OfficialDocument
from xaso.onestop.models import Dossier
from xaso.onestop.papers.base import answer, date_lines, line, paper_document, raw

FOLDER = "onestop/papers/"


def death_extract(dossier: Dossier, *, signer_name: str, is_test: bool) -> OfficialDocument:
    died_on, died_in_words = date_lines(raw(dossier, "death_date"))
    lines = {
        "name": line(answer(dossier, "deceased_name").upper()),
        "born_on": line(answer(dossier, "deceased_birth_date")),
        "sex": line(answer(dossier, "deceased_sex")),
        "ethnicity": line(answer(dossier, "deceased_ethnicity")),
        "nationality": line(answer(dossier, "deceased_nationality")),
        "personal_id": line(answer(dossier, "deceased_personal_id")),
        "residence": line(answer(dossier, "deceased_residence")),
        "died_at": line(answer(dossier, "death_time")),
        "died_on": died_on,
        "died_in_words": died_in_words,
        "death_place": line(answer(dossier, "death_place")),
        "death_cause": line(answer(dossier, "death_cause")),
        "declarant": line(answer(dossier, "applicant_name")),
        "declarant_relationship": answer(dossier, "relationship"),
    }
    return _paper(dossier, "TRÍCH LỤC KHAI TỬ", "death_extract.html", lines, signer_name, is_test)


def _spouse(dossier: Dossier, who: str) -> dict:
    born_on = answer(dossier, f"{who}_birth_date")
    return {
        "name": line(answer(dossier, f"{who}_name").upper()),
        "born_on": line(born_on),
        "ethnicity": line(answer(dossier, f"{who}_ethnicity")),
        "nationality": line(answer(dossier, f"{who}_nationality")),
        "residence": line(answer(dossier, f"{who}_residence")),
        "personal_id": line(answer(dossier, f"{who}_personal_id")),
        "signature_name": answer(dossier, f"{who}_name"),
    }


def marriage_certificate(dossier: Dossier, *, signer_name: str, is_test: bool) -> OfficialDocument:
    lines = {"spouses": [("chồng", _spouse(dossier, "husband")), ("vợ", _spouse(dossier, "wife"))]}
    return _paper(
        dossier,
        "GIẤY CHỨNG NHẬN KẾT HÔN",
        "marriage_certificate.html",
        lines,
        signer_name,
        is_test,
        signer_heading="NGƯỜI KÝ GIẤY CHỨNG NHẬN",
    )


def marital_status_certificate(dossier: Dossier, *, signer_name: str, is_test: bool) -> OfficialDocument:
    purpose = answer(dossier, "purpose")
    detail = answer(dossier, "purpose_detail")
    lines = {
        "requester": line(answer(dossier, "applicant_name")),
        "name": line(answer(dossier, "person_name", "applicant_name").upper()),
        "born_on": line(answer(dossier, "applicant_birth_date")),
        "sex": line(answer(dossier, "applicant_sex")),
        "ethnicity": line(answer(dossier, "applicant_ethnicity")),
        "nationality": line(answer(dossier, "applicant_nationality")),
        "personal_id": line(answer(dossier, "applicant_personal_id")),
        "residence": line(answer(dossier, "applicant_address")),
        "status": line(answer(dossier, "marital_status")),
        "purpose": line(f"{purpose}: {detail}" if purpose and detail else purpose or detail),
    }
    return _paper(
        dossier,
        "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
        "marital_status.html",
        lines,
        signer_name,
        is_test,
        signer_heading="NGƯỜI KÝ GIẤY XÁC NHẬN",
    )


def recognition_extract(dossier: Dossier, *, signer_name: str, is_test: bool) -> OfficialDocument:
    lines = {
        "parent_name": line(answer(dossier, "applicant_name").upper()),
        "parent_born_on": line(answer(dossier, "applicant_birth_date")),
        "parent_ethnicity": line(answer(dossier, "applicant_ethnicity")),
        "parent_nationality": line(answer(dossier, "applicant_nationality")),
        "parent_personal_id": line(answer(dossier, "applicant_personal_id")),
        "parent_residence": line(answer(dossier, "applicant_address")),
        "recognised_name": line(answer(dossier, "recognised_name").upper()),
        "recognised_born_on": line(answer(dossier, "recognised_birth_date")),
        "recognised_ethnicity": line(answer(dossier, "recognised_ethnicity")),
        "recognised_nationality": line(answer(dossier, "recognised_nationality")),
        "recognised_residence": line(answer(dossier, "recognised_residence")),
        "relation": line(answer(dossier, "relation")),
    }
    return _paper(
        dossier,
        "TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON",
        "recognition_extract.html",
        lines,
        signer_name,
        is_test,
    )


def correction_extract(dossier: Dossier, *, signer_name: str, is_test: bool) -> OfficialDocument:
    lines = {
        "name": line(answer(dossier, "person_name", "applicant_name").upper()),
        "born_on": line(answer(dossier, "person_birth_date", "applicant_birth_date")),
        "residence": line(answer(dossier, "applicant_address")),
        "record_kind": line(answer(dossier, "record_kind")),
        "content": line(answer(dossier, "content")),
        "reason": line(answer(dossier, "reason")),
    }
    return _paper(
        dossier,
        "TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH HỘ TỊCH",
        "correction_extract.html",
        lines,
        signer_name,
        is_test,
    )


def guardianship_extract(dossier: Dossier, *, signer_name: str, is_test: bool) -> OfficialDocument:
    lines = {
        "guardian_name": line(answer(dossier, "applicant_name").upper()),
        "guardian_born_on": line(answer(dossier, "applicant_birth_date")),
        "guardian_nationality": line(answer(dossier, "applicant_nationality")),
        "guardian_personal_id": line(answer(dossier, "applicant_personal_id")),
        "guardian_residence": line(answer(dossier, "applicant_address")),
        "ward_name": line(answer(dossier, "ward_name").upper()),
        "ward_born_on": line(answer(dossier, "ward_birth_date")),
        "ward_birth_place": line(answer(dossier, "ward_birth_place")),
        "ward_nationality": line(answer(dossier, "ward_nationality")),
        "ward_residence": line(answer(dossier, "ward_residence")),
        "kind": line(answer(dossier, "kind")),
    }
    return _paper(
        dossier, "TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ", "guardianship_extract.html", lines, signer_name, is_test
    )


def _paper(
    dossier, printed_kind, template, lines, signer_name, is_test, signer_heading=""
) -> OfficialDocument:
    return paper_document(
        dossier,
        printed_kind=printed_kind,
        template=FOLDER + template,
        lines=lines,
        signer_name=signer_name,
        is_test=is_test,
        signer_heading=signer_heading or "NGƯỜI KÝ TRÍCH LỤC",
    )

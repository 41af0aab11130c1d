"""Giấy khai sinh (bản chính), Circular 04/2020/TT-BTP as amended by 04/2024/TT-BTP: the paper
of a birth registration, a re-registration and a birth registered with a parent's
recognition. It prints the child (name, sex, date of birth in figures and in words, place of
birth, ethnicity, nationality, native place, personal ID number once the population database
has given one), the mother and the father (name, year of birth, ethnicity, nationality,
residence), the declarant and the papers they showed, the registration's place and date.

The birth forms ask each line printed here (xaso/onestop/data/procedures.json); a line a
dossier does not answer (a dossier filed before the form asked it, an unknown parent, the
personal ID the population database gives later) is left as the form's dotted line. A parent who
declares is that parent: the declarant's residence is the mother's (or father's)."""

from xaso.documents.official import OfficialDocument
from xaso.onestop.models import Dossier
from xaso.onestop.papers.base import answer, date_lines, line, paper_document, raw

TEMPLATE = "onestop/papers/birth_certificate.html"


def _parent(dossier: Dossier, who: str, relationship: str) -> dict:
    declares = raw(dossier, "relationship") == relationship
    residence = answer(dossier, f"{who}_residence") or (
        answer(dossier, "applicant_address") if declares else ""
    )
    return {
        "name": line(
            answer(dossier, f"{who}_name") or (answer(dossier, "applicant_name") if declares else "")
        ),
        "birth_year": line(answer(dossier, f"{who}_birth_year")),
        "ethnicity": line(answer(dossier, f"{who}_ethnicity")),
        "nationality": line(answer(dossier, f"{who}_nationality")),
        "residence": line(residence),
    }


def birth_certificate(dossier: Dossier, *, signer_name: str, is_test: bool) -> OfficialDocument:
    born = raw(dossier, "child_birth_date", "person_birth_date")
    born_on, born_in_words = date_lines(born)
    lines = {
        "name": line(answer(dossier, "child_name", "person_name").upper()),
        "born_on": born_on,
        "born_in_words": born_in_words,
        "sex": line(answer(dossier, "child_sex", "person_sex")),
        "ethnicity": line(answer(dossier, "child_ethnicity", "person_ethnicity")),
        "nationality": line(answer(dossier, "child_nationality", "person_nationality")),
        "birth_place": line(answer(dossier, "child_birth_place", "person_birth_place")),
        "native_place": line(answer(dossier, "child_native_place", "person_native_place")),
        "personal_id": line(answer(dossier, "child_personal_id", "person_personal_id")),
        "parents": [("mẹ", _parent(dossier, "mother", "me")), ("cha", _parent(dossier, "father", "cha"))],
        "declarant": line(answer(dossier, "applicant_name")),
        "declarant_relationship": answer(dossier, "relationship"),
        "declarant_id": line(answer(dossier, "applicant_personal_id")),
        "previous_place": answer(dossier, "previous_place"),
    }
    return paper_document(
        dossier,
        printed_kind="GIẤY KHAI SINH",
        template=TEMPLATE,
        lines=lines,
        signer_name=signer_name,
        is_test=is_test,
    )

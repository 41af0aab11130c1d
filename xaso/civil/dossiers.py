"""Which one-stop procedures register an event, and the entry's data read from a dossier's
answers (the forms of xaso/onestop/data/procedures.json). Choices are kept by their label, as
the papers print them. Procedures are named by their national code (results.PRINTED_TITLES);
guardianship, which the catalogue ships without one, by its catalogue code."""

from collections.abc import Callable

from xaso.civil.models import EntryKind
from xaso.onestop.models import Dossier


def _label(dossier: Dossier, name: str) -> str:
    value = (dossier.data or {}).get(name)
    for item in dossier.procedure.form:
        if item.get("name") == name:
            for code, label in item.get("choices") or []:
                if code == value:
                    return label
    return str(value or "")


def _declarant(dossier: Dossier, relationship_field: str = "relationship") -> dict:
    data = dossier.data or {}
    declarant = {
        "declarant_name": data.get("applicant_name") or dossier.applicant_name,
        "declarant_personal_id": data.get("applicant_personal_id", ""),
        "declarant_address": data.get("applicant_address", ""),
    }
    if relationship_field in data:
        declarant["declarant_relationship"] = _label(dossier, relationship_field)
    return {k: v for k, v in declarant.items() if v}


def _birth(d: Dossier) -> dict:
    data = d.data or {}
    return {
        "name": data.get("child_name"),
        "birth_date": data.get("child_birth_date"),
        "sex": data.get("child_sex"),
        "place": data.get("child_birth_place"),
        "father_name": data.get("father_name"),
        "mother_name": data.get("mother_name"),
        "details": {"ethnicity": data.get("child_ethnicity", ""), **_declarant(d)},
    }


def _birth_with_recognition(d: Dossier) -> dict:
    data = d.data or {}
    return {
        "name": data.get("child_name"),
        "birth_date": data.get("child_birth_date"),
        "sex": data.get("child_sex"),
        "other_name": data.get("applicant_name"),
        "details": {"recognition": True, **_declarant(d)},
    }


def _reregistration(d: Dossier) -> dict:
    data = d.data or {}
    return {
        "name": data.get("person_name"),
        "birth_date": data.get("person_birth_date"),
        "details": {"previous_place": data.get("previous_place", ""), **_declarant(d)},
    }


def _death(d: Dossier) -> dict:
    data = d.data or {}
    details = {"death_cause": data.get("death_cause", ""), **_declarant(d)}
    if data.get("deceased_personal_id"):
        details["deceased_personal_id"] = data["deceased_personal_id"]
    return {
        "name": data.get("deceased_name"),
        "event_date": data.get("death_date"),
        "place": data.get("death_place"),
        "details": details,
    }


def _marriage(d: Dossier) -> dict:
    data = d.data or {}
    return {
        "name": data.get("husband_name"),
        "birth_date": data.get("husband_birth_date"),
        "other_name": data.get("wife_name"),
        "other_birth_date": data.get("wife_birth_date"),
        "details": {
            "husband_personal_id": data.get("husband_personal_id", ""),
            "wife_personal_id": data.get("wife_personal_id", ""),
        },
    }


def _recognition(d: Dossier) -> dict:
    data = d.data or {}
    return {
        "name": data.get("recognised_name"),
        "birth_date": data.get("recognised_birth_date"),
        "other_name": data.get("applicant_name"),
        "details": {"relation": _label(d, "relation"), **_declarant(d)},
    }


def _guardianship(d: Dossier) -> dict:
    data = d.data or {}
    return {
        "name": data.get("ward_name"),
        "birth_date": data.get("ward_birth_date"),
        "other_name": data.get("applicant_name"),
        "details": {"guardianship_kind": _label(d, "kind"), **_declarant(d)},
    }


def _change(d: Dossier) -> dict:
    data = d.data or {}
    return {
        "name": data.get("applicant_name") or d.applicant_name,
        "details": {
            "record_kind": _label(d, "record_kind"),
            "content": data.get("content", ""),
            **_declarant(d),
        },
    }


Reader = Callable[[Dossier], dict]
BY_NATIONAL_CODE: dict[str, tuple[str, Reader]] = {
    "1.001193": (EntryKind.BIRTH, _birth),
    "1.000689": (EntryKind.BIRTH, _birth_with_recognition),
    "1.004884": (EntryKind.REREGISTRATION, _reregistration),
    "1.000656": (EntryKind.DEATH, _death),
    "1.000894": (EntryKind.MARRIAGE, _marriage),
    "1.001022": (EntryKind.RECOGNITION, _recognition),
    "1.004859": (EntryKind.CHANGE, _change),
}
BY_CATALOGUE_CODE: dict[str, tuple[str, Reader]] = {
    "dang-ky-giam-ho": (EntryKind.GUARDIANSHIP, _guardianship),
}


def registered_event(dossier: Dossier) -> tuple[str, dict] | None:
    """(kind, data) of the event the dossier registers; None for a procedure that registers none."""
    procedure = dossier.procedure
    found = BY_NATIONAL_CODE.get(procedure.national_code) or BY_CATALOGUE_CODE.get(procedure.code)
    if found is None:
        return None
    kind, read = found
    return kind, read(dossier)

"""Personal data: masking for lists, logs and exports, and the registry behind a citizen's
"download my data".

Masking keeps enough to recognise a person one already knows (the last digits), not enough to
identify or contact a stranger. Full numbers are shown only where the role needs them (the
dossier being processed, the household list of the commune's managers).

Each app that keeps data about a person registers an exporter in its AppConfig.ready():
`register_personal_data("dossiers", fn)` where `fn(user) -> JSON-ready value` returns only that
user's own rows. `personal_data_for(user)` assembles every section (the web profile page offers it)."""

import logging
import re
from collections.abc import Callable


def mask_digits(value: str, *, keep_start: int, keep_end: int) -> str:
    value = (value or "").strip()
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + (value[-keep_end:] if keep_end else "")


def mask_phone(phone: str) -> str:
    """'0912345678' → '091****678': the network prefix and the last three digits."""
    return mask_digits(phone, keep_start=3, keep_end=3)


def mask_personal_id(number: str) -> str:
    """'038190000123' → '*********123': the last three digits only (the first six say the
    province, the sex and the birth year)."""
    return mask_digits(number, keep_start=0, keep_end=3)


_exporters: dict[str, Callable] = {}


def register_personal_data(section: str, exporter: Callable) -> None:
    _exporters[section] = exporter


def personal_data_for(user) -> dict:
    """Every registered section of what xaso keeps about `user`, their own rows only."""
    return {section: exporter(user) for section, exporter in sorted(_exporters.items())}


# Form field types (xaso.onestop.forms) whose answers are personal numbers.
MASKED_FIELD_TYPES = {"phone": mask_phone, "personal_id": mask_personal_id}


def mask_answers(spec: list[dict], data: dict) -> dict:
    """A dossier's answers with every `phone` and `personal_id` field masked, for a reader whose
    work does not need the numbers (a province supervisor, a clerk): names, dates and the rest
    stay as they are."""
    maskers = {f["name"]: MASKED_FIELD_TYPES[f["type"]] for f in spec if f.get("type") in MASKED_FIELD_TYPES}
    return {k: maskers[k](str(v)) if k in maskers and v else v for k, v in (data or {}).items()}


# A Vietnamese mobile or landline number (0 + 9 digits, or +84 / 84 + 9) and a 12-digit
# personal ID number, standing alone (not inside a longer run of digits such as a timestamp).
_PHONE_IN_TEXT = re.compile(r"(?<![\d+])(?:\+?84|0)(\d{9})(?!\d)")
_PERSONAL_ID_IN_TEXT = re.compile(r"(?<!\d)\d{12}(?!\d)")


def mask_text(text: str) -> str:
    """Free text (a log line, a gateway's error) with phone and personal ID numbers masked."""
    text = _PERSONAL_ID_IN_TEXT.sub(lambda m: mask_personal_id(m.group(0)), text)
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone("0" + m.group(1)), text)


class MaskPersonalNumbers(logging.Filter):
    """A logging filter (settings.LOGGING) that masks phone and personal ID numbers in every
    record, so a gateway error echoing a recipient's number or an exception message quoting a
    form's answer never puts the full number in the logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is logged as it is
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def export_record(
    *, actor, what: str, rows: int, fmt: str, commune_code: str = "", masked: bool | None = None
):
    """Audit one export or download of personal data (an Excel list, a report with names): who,
    what, how many rows, in which format, and whether the numbers were masked. Views call it
    right before they answer with the file."""
    from xaso.core.audit import audit_record  # the audit chain's models load after this module

    changes = {"what": what, "rows": rows, "format": fmt}
    if masked is not None:
        changes["masked"] = masked
    return audit_record(
        actor=actor,
        action=f"export.{what}",
        summary=f"{what}: {rows} rows ({fmt})",
        changes=changes,
        commune_code=commune_code,
    )


def api_read_record(*, actor, what: str, rows: int, commune=None, masked: bool | None = None):
    """Audit a page of personal data read through the API (households, feedback with phones)
    like an Excel export, format "api"; an empty page reads nobody's data and is not recorded."""
    if rows:
        export_record(
            actor=actor,
            what=what,
            rows=rows,
            fmt="api",
            commune_code=getattr(commune, "code", ""),
            masked=masked,
        )

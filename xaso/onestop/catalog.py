"""The shipped procedure catalogue (data/procedures.json): at least twenty commune-level
procedures with their national codes where known, papers, fees, deadlines, forms and linked
follow-ons. Loaded by a data migration and by `procedures_load`; both update by `code`, so
loading twice changes nothing and an admin's own procedures are left alone."""

import json
from pathlib import Path

from xaso.core.text import fold_all
from xaso.onestop.fee_tiers import schedule_check
from xaso.onestop.forms import check_spec

CATALOGUE = Path(__file__).resolve().parent / "data" / "procedures.json"
FIELDS = (
    "national_code",
    "name",
    "field",
    "description",
    "papers",
    "fee",
    "fee_note",
    "fee_per_copy",
    "fee_schedule",
    "processing_days",
    "online_level",
    "legal_basis",
    "form",
    "follow_ons",
)


def catalogue_rows(path: Path = CATALOGUE) -> list[dict]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    codes = {row["code"] for row in rows}
    for row in rows:
        check_spec(row["form"])
        missing = set(row["follow_ons"]) - codes
        if missing:
            raise ValueError(f"{row['code']}: unknown follow-on {sorted(missing)}")
        if row.get("fee_per_copy") and not any(
            f["name"] == "copies" and f["type"] == "integer" and f.get("required") for f in row["form"]
        ):
            raise ValueError(f"{row['code']}: a fee per copy needs a required integer field 'copies'")
        problems = schedule_check(
            row.get("fee_schedule") or {}, row["form"], fee_per_copy=row.get("fee_per_copy")
        )
        if problems:
            raise ValueError(f"{row['code']}: " + " ".join(str(p) for p in problems))
    return rows


def load_into(procedure_model, rows: list[dict]) -> int:
    """Create or update each row in `procedure_model` (a real or a migration's model: an older
    migration's model lacks the columns added after it, which are left to their migration)."""
    known = {f.name for f in procedure_model._meta.get_fields()}
    defaults = {"fee_per_copy": False, "fee_schedule": {}}
    for row in rows:
        values = {name: row.get(name, defaults.get(name, "")) for name in FIELDS if name in known}
        values["search_text"] = fold_all(row["name"], row.get("national_code", ""), row["code"])
        procedure_model.objects.update_or_create(code=row["code"], defaults=values)
    return len(rows)

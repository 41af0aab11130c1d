"""The household import (run by a task): checked (checked, all-or-nothing unless the officer
chooses "import valid rows",
idempotent by household code. Started by services.households.household_import_start."""

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.community import spreadsheet
from xaso.community.models import Household, HouseholdImport, ImportStatus, Resident
from xaso.community.permissions import MANAGE_HOUSEHOLDS, villages_allowed
from xaso.core.audit import audit_record
from xaso.core.errors import DomainError, InvalidInput
from xaso.core.permissions import require
from xaso.core.text import fold
from xaso.places.models import Commune, Village

log = logging.getLogger(__name__)
CHUNK = 2000


@dataclass
class ImportOutcome:
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: dict[int, str] = field(default_factory=dict)
    imported: bool = False


def _villages(commune: Commune, actor) -> dict[str, int]:
    """The villages rows may name: a village head's own only (others are "unknown village")."""
    villages = Village.objects.filter(commune=commune)
    allowed = villages_allowed(actor, MANAGE_HOUSEHOLDS, commune)
    if allowed is not None:
        villages = villages.filter(pk__in=allowed)
    return {fold(name): pk for pk, name in villages.values_list("pk", "name")}


HOUSEHOLD_FIELDS = (
    "village", "address", "head_name", "contact_name", "contact_phone", "contact_email", "contact_zalo_id",
    "contact_user", "public_name", "public_address", "public_phone", "search_text", "updated_at",
)  # fmt: skip


def _columns(model, fields) -> list[str]:
    quote = connection.ops.quote_name
    return [quote(model._meta.get_field(f).column) for f in fields]


def _execute_many(sql: str, rows: list[tuple]) -> None:
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def _search_text(h: spreadsheet.Household) -> str:
    # Codes and phones are ASCII (checked), where folding is lower-casing.
    return " ".join(
        p for p in (h.code.lower(), fold(h.head_name), _fold_address(h.address), h.contact_phone) if p
    )[:400]


@lru_cache(maxsize=4096)
def _fold_address(address: str) -> str:
    return fold(address)  # addresses repeat ("Xóm 2") down a village's rows


def _save(
    commune: Commune, rows: list[spreadsheet.Household], progress: Callable[[int, int], None] | None
) -> tuple[int, int]:
    """Upsert households by code and replace their residents, with executemany in batches of
    CHUNK rows and one query per batch for the codes already there: at 100,000 rows the ORM's
    bulk_update (a CASE per field and row) and model instances were the cost."""
    quote = connection.ops.quote_name
    household_table, resident_table = quote(Household._meta.db_table), quote(Resident._meta.db_table)
    cols = _columns(Household, HOUSEHOLD_FIELDS)
    insert_household = (
        f"INSERT INTO {household_table} ({', '.join(cols)}, {quote('commune_id')}, {quote('code')}, "  # noqa: S608
        f"{quote('created_at')}) VALUES ({', '.join(['%s'] * (len(cols) + 3))})"
    )
    update_household = (
        f"UPDATE {household_table} SET {', '.join(f'{c} = %s' for c in cols)} WHERE {quote('id')} = %s"  # noqa: S608
    )
    resident_cols = _columns(Resident, ("household", "full_name", "birth_year", "is_head"))
    insert_resident = f"INSERT INTO {resident_table} ({', '.join(resident_cols)}) VALUES (%s, %s, %s, %s)"  # noqa: S608
    households = Household.objects.filter(commune=commune)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    created = updated = 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        ids = dict(households.filter(code__in=[h.code for h in chunk]).values_list("code", "pk"))
        phones = {h.contact_phone for h in chunk if h.contact_phone}
        users = dict(User.objects.filter(phone__in=phones).values_list("phone", "pk")) if phones else {}
        inserts, updates, new_codes = [], [], []
        for h in chunk:
            values = (
                h.village_id, h.address, h.head_name, h.contact_name or h.head_name, h.contact_phone,
                h.contact_email, h.contact_zalo_id, users.get(h.contact_phone), h.public_name,
                h.public_address, h.public_phone, _search_text(h), now,
            )  # fmt: skip
            pk = ids.get(h.code)
            if pk is None:
                inserts.append((*values, commune.code, h.code, now))
                new_codes.append(h.code)
            else:
                updates.append((*values, pk))
        _execute_many(insert_household, inserts)
        _execute_many(update_household, updates)
        if updates:
            Resident.objects.filter(household_id__in=[u[-1] for u in updates])._raw_delete(
                Resident.objects.db
            )
        if new_codes:
            ids.update(households.filter(code__in=new_codes).values_list("code", "pk"))
        residents = []
        for h in chunk:
            pk = ids[h.code]
            residents.append((pk, h.head_name, h.head_birth_year, True))
            residents.extend((pk, name, year, False) for name, year in h.members)
        _execute_many(insert_resident, residents)
        created, updated = created + len(inserts), updated + len(updates)
        if progress:
            progress(start + len(chunk), len(rows))
    return created, updated


def households_import(
    *,
    actor,
    commune: Commune,
    source,
    import_valid_rows: bool = False,
    check_progress: Callable[[int, int], None] | None = None,
    save_progress: Callable[[int, int], None] | None = None,
) -> ImportOutcome:
    """Import a household list (xlsx). Rules: managers of the commune only; any row error
    imports nothing unless `import_valid_rows`; a household already in the commune (same code)
    is updated and its residents replaced, so importing the same file twice changes nothing;
    all rows are saved in one transaction."""
    require(actor, MANAGE_HOUSEHOLDS, commune=commune)
    checked = spreadsheet.check_workbook(source, villages=_villages(commune, actor), progress=check_progress)
    outcome = ImportOutcome(total=checked.total, errors=checked.errors)
    if not checked.valid and not checked.errors:
        raise InvalidInput(_("The sheet has no household rows."), field="file")
    if checked.errors and not import_valid_rows:
        return outcome
    with transaction.atomic():
        outcome.created, outcome.updated = _save(commune, checked.valid, save_progress)
        outcome.imported = True
        audit_record(
            actor=actor,
            action="household.import",
            target=("places.commune", commune.code),
            commune_code=commune.code,
            summary=f"+{outcome.created} ~{outcome.updated} !{len(outcome.errors)}",
            changes={"created": outcome.created, "updated": outcome.updated, "errors": len(outcome.errors)},
        )
    return outcome


def household_import_execute(*, import_id: int) -> HouseholdImport:
    """Run a queued import (called by the task): progress is written as rows are checked.
    The job's status is the progress of a background task (queued → running → saving → done,
    rejected or failed), moved by the worker alone, with no actor, role or timeline: queue
    bookkeeping, so it is set here and not through a workflow table."""
    job = HouseholdImport.objects.select_related("commune", "created_by").get(pk=import_id)
    if job.finished:
        return job
    HouseholdImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    def checking(done, total):
        HouseholdImport.objects.filter(pk=job.pk).update(checked_rows=done, total_rows=total)

    def saving(done, total):
        HouseholdImport.objects.filter(pk=job.pk).update(status=ImportStatus.SAVING)

    try:
        with job.file.open("rb") as fh:
            outcome = households_import(
                actor=job.created_by,
                commune=job.commune,
                source=fh,
                import_valid_rows=job.import_valid_rows,
                check_progress=checking,
                save_progress=None,
            )
    except DomainError as exc:
        job.status, job.message = ImportStatus.FAILED, str(exc.message)
    except Exception:
        log.exception("household import %s failed", job.pk)
        job.status, job.message = ImportStatus.FAILED, _("The import failed; nothing was saved.")
    else:
        job.total_rows, job.checked_rows = outcome.total, outcome.total
        job.error_rows, job.created_count, job.updated_count = (
            len(outcome.errors),
            outcome.created,
            outcome.updated,
        )
        job.status = ImportStatus.DONE if outcome.imported else ImportStatus.REJECTED
        if outcome.errors:
            buffer = io.BytesIO()
            with job.file.open("rb") as fh:
                spreadsheet.error_report(fh, outcome.errors, buffer)
            job.report.save(f"{job.uid}-errors.xlsx", ContentFile(buffer.getvalue()), save=False)
    job.finished_at = timezone.now()
    job.save()
    return job

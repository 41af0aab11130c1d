"""The household import (run by a task): checked (checked, all-or-nothing unless the officer
chooses "import valid rows",
idempotent by household code. Started by services.household_import_start."""

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.community import spreadsheet
from xaso.community.models import Household, HouseholdImport, ImportStatus, Resident
from xaso.community.permissions import MANAGE_HOUSEHOLDS, require
from xaso.core.audit import audit_record
from xaso.core.errors import DomainError, InvalidInput
from xaso.core.text import fold, fold_all
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


def _villages(commune: Commune) -> dict[str, int]:
    return {fold(name): pk for pk, name in Village.objects.filter(commune=commune).values_list("pk", "name")}


def _save(
    commune: Commune, rows: list[spreadsheet.Row], progress: Callable[[int, int], None] | None
) -> tuple[int, int]:
    existing = dict(Household.objects.filter(commune=commune).values_list("code", "pk"))
    created = updated = 0
    now = timezone.now()
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        phones = {r.data["contact_phone"] for r in chunk if r.data["contact_phone"]}
        users = dict(User.objects.filter(phone__in=phones).values_list("phone", "pk")) if phones else {}
        pairs = []
        for row in chunk:
            d = row.data
            household = Household(
                pk=existing.get(d["code"]),
                commune=commune,
                village_id=d["village_id"],
                code=d["code"],
                address=d["address"],
                head_name=d["head_name"],
                contact_name=d["contact_name"] or d["head_name"],
                contact_phone=d["contact_phone"],
                contact_email=d["contact_email"],
                contact_zalo_id=d["contact_zalo_id"],
                contact_user_id=users.get(d["contact_phone"]),
                public_name=d["public_name"],
                public_address=d["public_address"],
                public_phone=d["public_phone"],
                search_text=fold_all(d["code"], d["head_name"], d["address"], d["contact_phone"])[:400],
                created_at=now,
                updated_at=now,
            )
            pairs.append((household, row))
        new = [h for h, _row in pairs if h.pk is None]
        old = [h for h, _row in pairs if h.pk is not None]
        Household.objects.bulk_create(new)
        fields = [
            "village", "address", "head_name", "contact_name", "contact_phone", "contact_email",
            "contact_zalo_id", "contact_user", "public_name", "public_address", "public_phone",
            "search_text", "updated_at",
        ]  # fmt: skip
        Household.objects.bulk_update(old, fields)
        if old:
            Resident.objects.filter(household_id__in=[h.pk for h in old]).delete()
        if any(h.pk is None for h in new):
            # Backends that do not return ids from bulk_create: look them up by code.
            ids = dict(
                Household.objects.filter(commune=commune, code__in=[h.code for h in new]).values_list(
                    "code", "pk"
                )
            )
            for h in new:
                h.pk = ids[h.code]
        residents = []
        for household, row in pairs:
            d = row.data
            residents.append(
                Resident(
                    household_id=household.pk,
                    full_name=d["head_name"],
                    birth_year=d["head_birth_year"],
                    is_head=True,
                )
            )
            residents.extend(
                Resident(household_id=household.pk, full_name=n, birth_year=y) for n, y in d["members"]
            )
        Resident.objects.bulk_create(residents)
        created, updated = created + len(new), updated + len(old)
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
    require(actor, MANAGE_HOUSEHOLDS, commune)
    checked = spreadsheet.check_workbook(source, villages=_villages(commune), progress=check_progress)
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
    """Run a queued import (called by the task): progress is written as rows are checked."""
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

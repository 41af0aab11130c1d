"""Writes of the community app. Imports run in importing.py (called back by the task)."""

from django.db import transaction
from django.utils.translation import gettext as _

from xaso.community import spreadsheet
from xaso.community.models import HouseholdImport
from xaso.community.permissions import MANAGE_HOUSEHOLDS, require
from xaso.community.tasks import run_household_import
from xaso.core.errors import InvalidInput
from xaso.places.models import Commune


def household_import_start(*, actor, commune: Commune, upload, import_valid_rows: bool) -> HouseholdImport:
    """Keep an uploaded list and queue its import as a task. Rules: managers only; the file
    must be an xlsx within the size limit (checked now, so the officer hears at once)."""
    require(actor, MANAGE_HOUSEHOLDS, commune)
    if upload is None:
        raise InvalidInput(_("Choose the Excel file to import."), field="file")
    spreadsheet.open_workbook(upload).close()
    upload.seek(0)
    with transaction.atomic():
        job = HouseholdImport(
            commune=commune,
            created_by=actor,
            original_name=str(upload.name)[:200],
            import_valid_rows=import_valid_rows,
        )
        job.file.save(f"{job.uid}.xlsx", upload, save=False)
        job.save()
        transaction.on_commit(lambda: run_household_import.enqueue(job.pk))
    return job

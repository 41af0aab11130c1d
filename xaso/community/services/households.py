"""Writing one household at a time (the API), and starting an import of the Excel list (the
task runs it in importing.py, which writes thousands). The rules of one household are those
of an imported row, with errors naming the field."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from xaso.accounts.identity import phone_clean
from xaso.accounts.models import User
from xaso.community import spreadsheet
from xaso.community.models import Household, HouseholdImport, Resident
from xaso.community.permissions import MANAGE_HOUSEHOLDS, villages_allowed
from xaso.community.spreadsheet import CODE
from xaso.community.tasks import run_household_import
from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotFound
from xaso.core.permissions import require
from xaso.core.text import fold_all
from xaso.places.models import Commune, Village


@dataclass
class HouseholdData:
    code: str
    village_id: int
    head_name: str
    address: str = ""
    head_birth_year: int | None = None
    members: list[tuple[str, int | None]] = field(default_factory=list)
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_zalo_id: str = ""
    public_name: bool = False
    public_address: bool = False
    public_phone: bool = False


def _one_line(value: str, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def _year(value, field: str) -> int | None:
    if value is not None and not 1880 <= value <= date.today().year:
        raise InvalidInput(_("Write a year of birth between 1880 and this year."), field=field)
    return value


def _clean(commune: Commune, data: HouseholdData) -> tuple[HouseholdData, Village]:
    code = _one_line(data.code, 31)
    if not code or not CODE.match(code):
        raise InvalidInput(
            _("The household code may use only letters, digits and . _ / - (30 at most)."), field="code"
        )
    village = Village.objects.filter(pk=data.village_id, commune=commune).first()
    if village is None:
        raise InvalidInput(_("Choose a village of this commune."), field="village_id")
    head = _one_line(data.head_name, 150)
    if not head:
        raise InvalidInput(_("The head of household is missing."), field="head_name")
    members = []
    for i, (name, year) in enumerate(data.members):
        name = _one_line(name, 150)
        if not name or re.search(r"[;()]", name):
            raise InvalidInput(
                _("Write each member's name (without ; or brackets)."), field=f"members.{i}.name"
            )
        members.append((name, _year(year, f"members.{i}.birth_year")))
    phone = (data.contact_phone or "").strip()
    try:
        phone = phone_clean(phone) if phone else ""
    except InvalidInput:
        raise InvalidInput(
            _("The contact phone is not a 10-digit number starting with 0."), field="contact_phone"
        ) from None
    email = (data.contact_email or "").strip()
    try:
        if email:
            validate_email(email)
    except ValidationError:
        raise InvalidInput(_("The contact e-mail is not valid."), field="contact_email") from None
    clean = HouseholdData(
        code=code,
        village_id=village.pk,
        head_name=head,
        address=_one_line(data.address, 300),
        head_birth_year=_year(data.head_birth_year, "head_birth_year"),
        members=members,
        contact_name=_one_line(data.contact_name, 150),
        contact_phone=phone,
        contact_email=email[:254],
        contact_zalo_id=_one_line(data.contact_zalo_id, 64),
        public_name=bool(data.public_name),
        public_address=bool(data.public_address),
        public_phone=bool(data.public_phone),
    )
    return clean, village


def household_save(
    *, actor, commune: Commune, data: HouseholdData, household: Household | None = None
) -> Household:
    """Create a household, or update `household`. Rules: household managers of the commune; the
    checks of an imported row, each error naming its field; the code is unique in the commune
    (409); the residents are replaced by the head and the members; the contact is linked to the
    citizen account with that phone, as the import does. A village head tied to a village
    writes households of that village only."""
    require(actor, MANAGE_HOUSEHOLDS, commune=commune)
    data, village = _clean(commune, data)
    allowed = villages_allowed(actor, MANAGE_HOUSEHOLDS, commune)
    if allowed is not None and household is not None and household.village_id not in allowed:
        raise NotFound(_("No such household."))
    if allowed is not None and village.pk not in allowed:
        raise InvalidInput(_("Choose your own village."), field="village_id")
    taken = Household.objects.filter(commune=commune, code=data.code)
    if household is not None:
        taken = taken.exclude(pk=household.pk)
    if taken.exists():
        raise Conflict(_("Another household of this commune has this code."), field="code")
    with transaction.atomic():
        if household is None:
            household = Household(commune=commune)
        else:
            household = Household.objects.select_for_update().get(pk=household.pk)
        household.code, household.village = data.code, village
        household.address, household.head_name = data.address, data.head_name
        household.contact_name = data.contact_name or data.head_name
        household.contact_phone, household.contact_email = data.contact_phone, data.contact_email
        household.contact_zalo_id = data.contact_zalo_id
        household.contact_user = (
            User.objects.filter(phone=data.contact_phone).first() if data.contact_phone else None
        )
        household.public_name, household.public_address = data.public_name, data.public_address
        household.public_phone = data.public_phone
        household.search_text = fold_all(data.code, data.head_name, data.address, data.contact_phone)[:400]
        created = household.pk is None
        household.save()
        household.residents.all().delete()
        Resident.objects.bulk_create(
            [
                Resident(
                    household=household,
                    full_name=data.head_name,
                    birth_year=data.head_birth_year,
                    is_head=True,
                )
            ]
            + [Resident(household=household, full_name=n, birth_year=y) for n, y in data.members]
        )
        audit_record(
            actor=actor,
            action="household.create" if created else "household.update",
            target=household,
            commune_code=commune.code,
            summary=data.code,
        )
    return household


def household_import_start(*, actor, commune: Commune, upload, import_valid_rows: bool) -> HouseholdImport:
    """Keep an uploaded list and queue its import as a task. Rules: managers only; the file
    must be an xlsx within the size limit (checked now, so the officer hears at once)."""
    require(actor, MANAGE_HOUSEHOLDS, commune=commune)
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

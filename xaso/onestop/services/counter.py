"""Filing at the counter (cầm tay chỉ việc): the one-stop officer finds or creates the citizen's
profile and files the dossier with its scanned papers on the citizen's behalf."""

import secrets

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from xaso.accounts.identity import personal_id_clean, phone_clean
from xaso.accounts.models import CitizenProfile, User
from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput, NotFound
from xaso.core.permissions import require
from xaso.core.text import fold_all
from xaso.onestop.effects import applicant_of, citizen_tell
from xaso.onestop.forms import clean_data
from xaso.onestop.models import Channel, Dossier, Procedure
from xaso.onestop.required_papers import papers_missing_at_counter, papers_refuse
from xaso.onestop.services.catalogue import offered_check
from xaso.onestop.services.papers import paper_store
from xaso.onestop.uploads import MAX_FILES, upload_check
from xaso.onestop.workflow import DOSSIER_FLOW
from xaso.places.models import Commune

RECEIVE = "onestop.receive_dossiers"


def dossier_receive_at_counter(
    *,
    actor: User,
    procedure: Procedure,
    commune: Commune,
    profile: CitizenProfile,
    data: dict,
    files: list[tuple[str, UploadedFile]] = (),
    papers_seen: list[str] = (),
) -> Dossier:
    """File a dossier at the counter on a citizen's behalf (cầm tay chỉ việc). Rules: a one-stop
    officer of the commune; the profile is one the officer may see; every paper the procedure
    requires ticked as seen (`papers_seen`; the refusal lists the others); scans checked by
    content; the citizen's account, if any, owns the dossier and is told."""
    require(
        actor,
        RECEIVE,
        commune=commune,
        message=_("Only a one-stop officer of this commune can receive dossiers."),
    )
    if not CitizenProfile.objects.for_actor(actor, "accounts.view_citizens").filter(pk=profile.pk).exists():
        raise NotFound(_("Citizen not found."), field="profile")
    offered_check(commune, procedure)
    cleaned = clean_data(procedure.form, data)
    papers_refuse(papers_missing_at_counter(procedure, papers_seen), field="papers_seen")
    if len(files) > MAX_FILES:
        raise InvalidInput(_("At most 20 files per dossier."), field="files")
    checked = [(label, upload_check(upload, field="files")) for label, upload in files]
    with transaction.atomic():
        name, phone = applicant_of(cleaned, profile)
        dossier = Dossier.objects.create(
            token=secrets.token_urlsafe(16),
            commune=commune,
            procedure=procedure,
            channel=Channel.COUNTER,
            citizen=profile.user,
            profile=profile,
            village=profile.village,
            applicant_name=name,
            applicant_phone=phone,
            data=cleaned,
            received_by=actor,
        )
        dossier, _event = DOSSIER_FLOW.apply(
            dossier, "receive", actor=actor, data={"papers_seen": list(procedure.papers)}
        )
        for label, check in checked:
            paper_store(dossier, actor, label, check)
        citizen_tell(dossier)
    return dossier


def counter_profile_create(
    *,
    actor: User,
    commune: Commune,
    full_name: str,
    phone: str = "",
    personal_id: str = "",
    address: str = "",
) -> CitizenProfile:
    """Create the profile of a citizen who comes to the counter without one. Rules: a one-stop
    officer of the commune; a personal ID number already on a profile is refused (find it)."""
    require(
        actor,
        RECEIVE,
        commune=commune,
        message=_("Only a one-stop officer of this commune can receive dossiers."),
    )
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise InvalidInput(_("Enter the full name."), field="full_name")
    phone = phone_clean(phone) if phone else ""
    personal_id = personal_id_clean(personal_id) if personal_id else None
    if personal_id and CitizenProfile.objects.filter(personal_id=personal_id).exists():
        raise InvalidInput(
            _("A profile with this personal ID number exists already: search for it."), field="personal_id"
        )
    with transaction.atomic():
        profile = CitizenProfile.objects.create(
            full_name=full_name,
            phone=phone,
            personal_id=personal_id,
            address=(address or "").strip()[:300],
            commune=commune,
            search_text=fold_all(full_name, personal_id, phone),
        )
        audit_record(
            actor=actor, action="profile.create", target=profile, commune_code=commune.code, summary=full_name
        )
    return profile

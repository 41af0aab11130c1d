"""Writes of the one-stop shop. Every dossier state change goes through `DOSSIER_FLOW.apply`
(xaso.core.workflow): row lock, role check, event row, audit entry, all in one transaction;
the citizen is told in the same transaction (xaso.notify)."""

import re
import secrets
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.identity import personal_id_clean, phone_clean
from xaso.accounts.models import CitizenProfile, User
from xaso.accounts.roles import Role
from xaso.accounts.services import own_profile_ensure
from xaso.core.audit import audit_record
from xaso.core.calendar import WorkingCalendar, local_today
from xaso.core.counters import next_number
from xaso.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from xaso.core.idempotency import Outcome, idempotent_run, request_fingerprint
from xaso.core.privacy import MASKED_FIELD_TYPES
from xaso.core.text import fold_all
from xaso.core.uploads import CheckedFile
from xaso.notify.services import notify_send
from xaso.onestop.catalog import catalogue_rows, load_into
from xaso.onestop.fees import STOPPED, fee_inherit, fee_request_open, fee_request_withdraw
from xaso.onestop.forms import clean_data
from xaso.onestop.models import (
    CITIZEN_EDITABLE,
    CLOCK_RUNNING,
    Channel,
    Dossier,
    DossierCounter,
    DossierFile,
    DossierGroup,
    DossierView,
    Procedure,
    ProcedureSwitch,
    Rating,
    RatingLevel,
    Status,
)
from xaso.onestop.selectors import SUBMIT_SCOPE, supplement_brought
from xaso.onestop.uploads import MAX_FILES, upload_check
from xaso.onestop.workflow import DOSSIER_FLOW
from xaso.places.models import Commune

MANAGE_PROCEDURES = "onestop.manage_procedures"
PROCESS = "onestop.process_dossiers"
RECEIVE = "onestop.receive_dossiers"
# Actions whose note the citizen needs to act on or to understand a refusal.
NOTE_REQUIRED = {"request_supplement", "reject", "send_back", "cancel", "apologise"}


# --- catalogue -----------------------------------------------------------------------------
def procedures_load() -> int:
    """Create or update the shipped catalogue (idempotent). Rules: admins' own rows untouched."""
    with transaction.atomic():
        count = load_into(Procedure, catalogue_rows())
        audit_record(actor=None, action="procedure.load", summary=f"{count} procedures")
    return count


def procedure_switch(*, actor, commune: Commune, procedure: Procedure, enabled: bool) -> ProcedureSwitch:
    """Offer a procedure in a commune or stop offering it. Rules: onestop.manage_procedures in
    that commune; dossiers already filed are not affected."""
    if not actor.holds(MANAGE_PROCEDURES, commune=commune):
        raise NotAllowed(_("You cannot change this commune's procedures."))
    with transaction.atomic():
        switch, _created = ProcedureSwitch.objects.update_or_create(
            commune=commune, procedure=procedure, defaults={"enabled": enabled}
        )
        audit_record(
            actor=actor,
            action="procedure.switch",
            target=procedure,
            commune_code=commune.code,
            changes={"enabled": enabled},
        )
    return switch


def _offered(commune: Commune, procedure: Procedure) -> None:
    off = ProcedureSwitch.objects.filter(commune=commune, procedure=procedure, enabled=False).exists()
    if not procedure.is_active or off:
        raise InvalidInput(_("This commune does not offer this procedure."), field="procedure")


# --- numbering and deadlines ---------------------------------------------------------------
def _allocate_code(commune: Commune, moment: datetime) -> str:
    """The next dossier code of the commune for the day: `<commune>-<yymmdd>-<sequence>`.
    Rules: runs in the filing transaction, the counter row locked, so codes are unique across
    the country (commune codes are) and have no gaps (a rolled-back filing gives its number back)."""
    day = local_today(moment)
    return f"{commune.code}-{day:%y%m%d}-{next_number(DossierCounter, commune=commune, day=day):04d}"


def _file(dossier: Dossier, now: datetime) -> None:
    """Give a dossier leaving the draft state its code, receipt time and due date."""
    dossier.code = _allocate_code(dossier.commune, now)
    dossier.received_at = now
    dossier.due_date = WorkingCalendar.load().due_date(now, dossier.procedure.processing_days)
    dossier.original_due_date = dossier.due_date


def _search_text(dossier: Dossier) -> str:
    """What anyone who may see the dossier can find it by: its code and the applicant's name.
    Personal numbers go to `_search_numbers` (the queue matches them for some readers only)."""
    return fold_all(dossier.code, dossier.applicant_name)


def _search_numbers(dossier: Dossier) -> str:
    """The dossier's personal numbers (applicant's phone, answers of `phone` and `personal_id`
    fields), digits only, for the queue's search by those who see them in full."""
    numbers = [dossier.applicant_phone or ""]
    for spec in dossier.procedure.form:
        if spec.get("type") in MASKED_FIELD_TYPES:
            numbers.append(str((dossier.data or {}).get(spec["name"]) or ""))
    digits = [re.sub(r"\D", "", n) for n in numbers]
    return " ".join(dict.fromkeys(d for d in digits if d))[:200]


def _index(dossier: Dossier) -> None:
    dossier.search_text = _search_text(dossier)
    dossier.search_numbers = _search_numbers(dossier)


def _notify(dossier: Dossier, *, note: str = "") -> None:
    if dossier.citizen_id is None:
        return
    status = Status(dossier.status).label
    body = _("Your dossier %(code)s (%(procedure)s) is now: %(status)s.") % {
        "code": dossier.code,
        "procedure": dossier.procedure.name,
        "status": status,
    }
    if note:
        body += "\n" + note
    notify_send(
        recipient=dossier.citizen,
        subject=_("Dossier %(code)s: %(status)s") % {"code": dossier.code, "status": status},
        body=body,
        link=reverse("onestop:dossier", args=[dossier.code]),
        ref=f"dossier:{dossier.code}",
    )


def _applicant(data: dict, profile: CitizenProfile | None) -> tuple[str, str]:
    name = data.get("applicant_name") or (profile.full_name if profile else "")
    phone = data.get("applicant_phone") or (profile.phone if profile else "")
    return name[:150], phone[:10]


# --- filing --------------------------------------------------------------------------------
def dossier_draft_save(
    *, actor: User, procedure: Procedure, commune: Commune, data: dict, dossier: Dossier | None = None
) -> Dossier:
    """Keep what a citizen typed so far. Rules: signed in; a draft is the citizen's own; what is
    given is checked but required fields may stay empty."""
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed(_("Sign in to keep a draft."))
    _offered(commune, procedure)
    cleaned = clean_data(procedure.form, data, partial=True)
    with transaction.atomic():
        if dossier is None:
            profile = own_profile_ensure(actor=actor)
            name, phone = _applicant(cleaned, profile)
            dossier = Dossier.objects.create(
                token=secrets.token_urlsafe(16),
                commune=commune,
                procedure=procedure,
                channel=Channel.ONLINE,
                citizen=actor,
                profile=profile,
                village=profile.village,
                applicant_name=name or actor.full_name,
                applicant_phone=phone,
                data=cleaned,
            )
        else:
            dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
            if dossier.citizen_id != actor.pk or dossier.status != Status.DRAFT:
                raise Conflict(_("Only your own draft can be changed."))
            dossier.data = cleaned
            dossier.applicant_name, dossier.applicant_phone = _applicant(cleaned, dossier.profile)
            dossier.save(update_fields=["data", "applicant_name", "applicant_phone", "updated_at"])
        audit_record(actor=actor, action="dossier.draft_save", target=dossier, commune_code=commune.code)
    return dossier


def dossier_submit(
    *, actor: User, procedure: Procedure, commune: Commune, data: dict, dossier: Dossier | None = None
) -> Dossier:
    """File a dossier online. Rules: the commune offers the procedure; the form's rules hold;
    the dossier gets its code, receipt time and due date (15:00 rule, working days) at once."""
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed(_("Sign in to file a dossier."))
    _offered(commune, procedure)
    cleaned = clean_data(procedure.form, data)
    with transaction.atomic():
        if dossier is None:
            dossier = dossier_draft_save(actor=actor, procedure=procedure, commune=commune, data=cleaned)
        now = timezone.now()

        def fill(d: Dossier, old: str) -> None:
            d.data = cleaned
            d.applicant_name, d.applicant_phone = _applicant(cleaned, d.profile)
            _file(d, now)
            _index(d)

        dossier, _event = DOSSIER_FLOW.apply(dossier, "submit", actor=actor, update=fill)
        fee_request_open(dossier, actor=actor)
        _notify(dossier)
    return dossier


def dossier_receipt(dossier: Dossier) -> dict:
    """What a filing answers: the code, the status and the due date (JSON-ready)."""
    due = dossier.due_date.isoformat() if dossier.due_date else None
    return {"code": dossier.code, "status": dossier.status, "due_date": due}


def dossier_submit_once(
    *,
    actor: User,
    procedure: Procedure,
    commune: Commune,
    data: dict,
    key: str,
    dossier: Dossier | None = None,
) -> Outcome:
    """File a dossier online under a client's idempotency key (API header or the web form's
    one-time token). Rules: as `dossier_submit`; the same key from the same actor files once and
    answers every repeat with the first receipt; the same key for other content is refused (422)."""
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed(_("Sign in to file a dossier."))
    draft = dossier.pk if dossier else None
    fingerprint = request_fingerprint(
        {"procedure": procedure.code, "commune": commune.code, "data": data, "draft": draft}
    )

    def run() -> dict:
        filed = dossier_submit(actor=actor, procedure=procedure, commune=commune, data=data, dossier=dossier)
        return dossier_receipt(filed)

    return idempotent_run(
        actor=actor, scope=SUBMIT_SCOPE, key=key, fingerprint=fingerprint, run=run, status=201
    )


def dossier_receive_at_counter(
    *,
    actor: User,
    procedure: Procedure,
    commune: Commune,
    profile: CitizenProfile,
    data: dict,
    files: list[tuple[str, UploadedFile]] = (),
) -> Dossier:
    """File a dossier at the counter on a citizen's behalf (cầm tay chỉ việc). Rules: a one-stop
    officer of the commune; the profile is one the officer may see; papers checked by content;
    the citizen's account, if any, owns the dossier and is told."""
    if not actor.holds(RECEIVE, commune=commune):
        raise NotAllowed(_("Only a one-stop officer of this commune can receive dossiers."))
    if not CitizenProfile.objects.for_actor(actor, "accounts.view_citizens").filter(pk=profile.pk).exists():
        raise NotFound(_("Citizen not found."), field="profile")
    _offered(commune, procedure)
    cleaned = clean_data(procedure.form, data)
    if len(files) > MAX_FILES:
        raise InvalidInput(_("At most 20 files per dossier."), field="files")
    checked = [(label, upload_check(upload, field="files")) for label, upload in files]
    with transaction.atomic():
        name, phone = _applicant(cleaned, profile)
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
        now = timezone.now()

        def fill(d: Dossier, old: str) -> None:
            _file(d, now)
            _index(d)

        dossier, _event = DOSSIER_FLOW.apply(dossier, "receive", actor=actor, update=fill)
        fee_request_open(dossier, actor=actor)
        for label, check in checked:
            _store_file(dossier, actor, label, check)
        _notify(dossier)
    return dossier


# --- who looked -----------------------------------------------------------------------------
# Reloading a dossier within this time is the same look, not a new one.
VIEW_DEDUP_MINUTES = 15


def dossier_view_record(*, actor: User, dossier: Dossier) -> bool:
    """Record that a staff member opened a dossier's detail. Rules: the dossier's own citizen is
    not recorded (it is theirs); one row per viewer and dossier per quarter hour. The table is
    the record of who read whose personal data (it is not copied to the audit chain)."""
    if dossier.citizen_id == actor.pk or not getattr(actor, "is_authenticated", False):
        return False
    since = timezone.now() - timedelta(minutes=VIEW_DEDUP_MINUTES)
    if DossierView.objects.filter(dossier=dossier, viewer=actor, at__gte=since).exists():
        return False
    DossierView.objects.create(dossier=dossier, viewer=actor)
    return True


# --- the lifecycle -------------------------------------------------------------------------
def _assignee_check(dossier: Dossier, assignee: User | None) -> User:
    if assignee is None:
        raise InvalidInput(_("Choose the officer to handle the dossier."), field="assignee")
    if not assignee.holds(PROCESS, commune=dossier.commune):
        raise InvalidInput(_("This person cannot process this commune's dossiers."), field="assignee")
    return assignee


def dossier_act(
    *,
    actor: User,
    dossier: Dossier,
    action: str,
    note: str = "",
    assignee: User | None = None,
    data: dict | None = None,
    expected_status: str | None = None,
    new_date: date | None = None,
) -> Dossier:
    """Take one lifecycle action (the table in workflow.py says who may, and when). Rules: a
    note is required to request a supplement, reject, send back or cancel; assigning names an
    officer of the commune who can process; a supplement pauses the clock and resubmitting
    (with a paper attached since the request, or corrected answers) moves the due date by the
    working days waited; approval opens linked follow-ons."""
    note = (note or "").strip()
    if action not in DOSSIER_FLOW.actions() or action in {"submit", "open_linked"}:
        raise InvalidInput(_("Unknown action."), field="action")
    # Who may act is answered before what they typed; the engine checks everything again
    # under the row lock.
    refusal = DOSSIER_FLOW.refusal(dossier, action, actor)
    if isinstance(refusal, NotAllowed):
        raise refusal
    if action in NOTE_REQUIRED and not note:
        raise InvalidInput(_("Write a note for the citizen."), field="note")
    if action == "assign":
        _assignee_check(dossier, assignee)
    if action == "apologise" and (new_date is None or new_date <= local_today()):
        raise InvalidInput(_("Give a new appointment date after today."), field="new_date")
    cleaned = clean_data(dossier.procedure.form, data) if data is not None else None
    answering = action == "resubmit" and dossier.status == Status.SUPPLEMENT_REQUESTED
    if answering and not supplement_brought(dossier, cleaned):
        raise InvalidInput(
            _("Attach the papers asked for, or correct the answers, before resubmitting."), field="file"
        )
    now = timezone.now()
    today = local_today(now)

    def effects(d: Dossier, old: str) -> None:
        if action == "assign":
            d.assignee = assignee
        elif action == "receive":
            d.received_by = actor
        elif action == "request_supplement":
            d.paused_on = today
        elif action == "resubmit":
            if cleaned is not None:
                d.data = cleaned
                _index(d)
            if d.paused_on is not None and d.due_date is not None:
                d.due_date = WorkingCalendar.load().extend_due_date(
                    d.due_date, paused_on=d.paused_on, resumed_on=today
                )
            d.paused_on = None
        elif action in ("result_ready", "reject"):
            d.finished_at = now
        elif action == "apologise":
            d.apology_date = new_date
            d.apology_reason = note
        if action in ("approve", "reject", "result_ready"):
            d.result_note = note or d.result_note

    with transaction.atomic():
        dossier, _event = DOSSIER_FLOW.apply(
            dossier,
            action,
            actor=actor,
            note=note,
            update=effects,
            expected_status=expected_status,
            data={"assignee": assignee.full_name} if assignee else None,
        )
        if action == "approve":
            _open_follow_ons(dossier, actor=actor, now=now)
        if dossier.status in STOPPED:
            fee_request_withdraw(dossier, actor=actor)
        _notify(dossier, note=note)
    return dossier


def _open_follow_ons(parent: Dossier, *, actor: User, now: datetime) -> list[Dossier]:
    """Start the procedures linked to the parent's (liên thông), data carried over by field
    name, in the parent's group (created on first use); their fees ride on the parent's
    payment request (one payment for the group, see fees.py)."""
    codes = parent.procedure.follow_ons
    if not codes:
        return []
    if parent.group_id is None:
        parent.group = DossierGroup.objects.create(commune=parent.commune)
        Dossier.objects.filter(pk=parent.pk).update(group=parent.group)
    opened = []
    for procedure in Procedure.objects.filter(code__in=codes, is_active=True):
        carried = {f["name"]: parent.data[f["name"]] for f in procedure.form if f["name"] in parent.data}
        child = Dossier.objects.create(
            token=secrets.token_urlsafe(16),
            commune=parent.commune,
            procedure=procedure,
            channel=parent.channel,
            citizen=parent.citizen,
            profile=parent.profile,
            village=parent.village,
            applicant_name=parent.applicant_name,
            applicant_phone=parent.applicant_phone,
            data=carried,
            group=parent.group,
            parent=parent,
        )

        def fill(d: Dossier, old: str) -> None:
            _file(d, now)
            _index(d)

        child, _event = DOSSIER_FLOW.apply(
            child,
            "open_linked",
            actor=actor,
            update=fill,
            note=_("Linked to %(code)s") % {"code": parent.code},
        )
        fee_inherit(child, parent)
        _notify(child)
        opened.append(child)
    return opened


def dossier_draft_update(*, actor: User, dossier: Dossier, data: dict) -> Dossier:
    """Change the data of one's own draft (see dossier_draft_save)."""
    return dossier_draft_save(
        actor=actor, procedure=dossier.procedure, commune=dossier.commune, data=data, dossier=dossier
    )


# --- papers --------------------------------------------------------------------------------
def _store_file(dossier: Dossier, actor: User, label: str, check: CheckedFile) -> DossierFile:
    return DossierFile.objects.create(
        dossier=dossier,
        label=(label or _("Paper"))[:200],
        file=check.content(),
        content_type=check.content_type,
        size=check.size,
        sha256=check.sha256,
        uploaded_by=actor,
    )


def dossier_files_check(*, actor: User, dossier: Dossier) -> None:
    """Whether `actor` may add papers now: NotAllowed for the wrong person, Conflict for the
    right person at the wrong time (see dossier_file_add)."""
    owner = dossier.citizen_id is not None and dossier.citizen_id == actor.pk
    officer = actor.holds(PROCESS, commune=dossier.commune)
    if not (owner or officer):
        raise NotAllowed(_("You cannot add papers to this dossier."))
    if (owner and dossier.status in CITIZEN_EDITABLE) or (officer and not dossier.is_terminal):
        return
    raise Conflict(_("Papers can no longer be added to this dossier."), field="file")


def dossier_file_add(*, actor: User, dossier: Dossier, upload: UploadedFile, label: str = "") -> DossierFile:
    """Attach a paper. Rules: the citizen while the dossier is a draft or awaits a supplement;
    an officer of the commune until it is settled; PDF/JPEG/PNG by content, ≤ 10 MB, ≤ 20."""
    dossier_files_check(actor=actor, dossier=dossier)
    check = upload_check(upload)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.files.count() >= MAX_FILES:
            raise InvalidInput(_("At most 20 files per dossier."), field="file")
        stored = _store_file(locked, actor, label, check)
        audit_record(
            actor=actor,
            action="dossier.file_add",
            target=locked,
            commune_code=locked.commune_id,
            summary=stored.label,
            changes={"sha256": check.sha256, "type": check.content_type, "size": check.size},
        )
    return stored


def dossier_file_reuse(*, actor: User, dossier: Dossier, paper_id: int) -> DossierFile:
    """Declare once: attach a paper the citizen already gave in an earlier dossier (their
    document wallet) instead of uploading it again. Rules: the citizen's own draft or dossier
    awaiting a supplement; only their own earlier papers; the 20-paper limit holds."""
    if dossier.citizen_id is None or dossier.citizen_id != actor.pk:
        raise NotAllowed(_("You cannot add papers to this dossier."))
    dossier_files_check(actor=actor, dossier=dossier)
    source = (
        DossierFile.objects.filter(pk=paper_id, dossier__citizen_id=actor.pk).exclude(dossier=dossier).first()
    )
    if source is None:
        raise NotFound(_("Paper not found."), field="paper")
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.files.count() >= MAX_FILES:
            raise InvalidInput(_("At most 20 files per dossier."), field="file")
        if locked.files.filter(sha256=source.sha256).exists():
            raise InvalidInput(_("This paper is already in the dossier."), field="paper")
        # The stored file is shared, not copied: papers are never edited in place.
        reused = DossierFile.objects.create(
            dossier=locked,
            label=source.label,
            file=source.file.name,
            content_type=source.content_type,
            size=source.size,
            sha256=source.sha256,
            uploaded_by=actor,
        )
        audit_record(
            actor=actor,
            action="dossier.file_reuse",
            target=locked,
            commune_code=locked.commune_id,
            summary=reused.label,
            changes={"from_paper": source.pk, "sha256": source.sha256},
        )
    return reused


# --- ratings -------------------------------------------------------------------------------
def dossier_rate(*, actor: User, dossier: Dossier, level: int, comment: str = "") -> Rating:
    """Rate the service after delivery. Rules: the citizen who filed it, once, after delivery."""
    if dossier.citizen_id != actor.pk:
        raise NotAllowed(_("Only the citizen who filed the dossier can rate it."))
    if dossier.status != Status.DELIVERED:
        raise Conflict(_("A dossier can be rated once its result is delivered."), field="level")
    if level not in RatingLevel.values:
        raise InvalidInput(_("Choose one of the four levels."), field="level")
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                dossier=dossier, level=level, comment=(comment or "").strip()[:2000]
            )
            audit_record(actor=actor, action="dossier.rate", target=dossier, commune_code=dossier.commune_id)
    except IntegrityError:
        raise Conflict(_("This dossier has already been rated."), field="level") from None
    return rating


# --- counter intake ------------------------------------------------------------------------
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
    if not actor.holds(RECEIVE, commune=commune):
        raise NotAllowed(_("Only a one-stop officer of this commune can receive dossiers."))
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


# --- deadlines -----------------------------------------------------------------------------
def dossiers_flag_late(*, today: date | None = None) -> int:
    """Flag the dossiers that went past their due date today (once each) and tell the handler
    and the commune's leaders. Rules: only dossiers whose clock runs (not paused for a
    supplement, not settled); returns how many were flagged. Run daily (task or command)."""
    today = today or local_today()
    flagged = 0
    late = Dossier.objects.filter(
        status__in=CLOCK_RUNNING, due_date__lt=today, late_flagged_on__isnull=True
    ).select_related("procedure", "assignee", "commune")
    for dossier in late.iterator(chunk_size=500):
        with transaction.atomic():
            if not Dossier.objects.filter(pk=dossier.pk, late_flagged_on__isnull=True).update(
                late_flagged_on=today
            ):
                continue  # another sweep took it
            audit_record(
                actor=None,
                action="dossier.late",
                target=dossier,
                commune_code=dossier.commune_id,
                summary=f"due {dossier.due_date:%d/%m/%Y}",
            )
            leaders = User.objects.filter(
                memberships__commune=dossier.commune,
                memberships__role=Role.COMMUNE_LEADER,
                memberships__is_active=True,
            )
            recipients = {u.pk: u for u in leaders}
            if dossier.assignee is not None:
                recipients[dossier.assignee.pk] = dossier.assignee
            for user in recipients.values():
                notify_send(
                    recipient=user,
                    subject=_("Late dossier %(code)s") % {"code": dossier.code},
                    body=_("Dossier %(code)s (%(procedure)s) was due on %(due)s and is not settled.")
                    % {
                        "code": dossier.code,
                        "procedure": dossier.procedure.name,
                        "due": dossier.due_date.strftime("%d/%m/%Y"),
                    },
                    link=reverse("onestop:dossier", args=[dossier.code]),
                    ref=f"dossier-late:{dossier.code}",
                )
        flagged += 1
    return flagged

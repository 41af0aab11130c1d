"""Paperless meetings: writes. A clerk (or leader) schedules a meeting with its agenda, attaches
registry documents or uploads to the items, and invites staff of the commune and, by phone or
e-mail, people from outside; one QR code on the printed invitation opens the meeting pack for
the invited people only (selectors.meeting_pack_for); they check in from their phone; the
minutes are written in the app and signed by the chair or a leader as a PDF.

Personal links for people from outside: links.py."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.permissions import holds, require
from xaso.core.tenancy import scope_of
from xaso.core.uploads import PDF, file_check
from xaso.documents.models import AgendaItem, Meeting, MeetingInvitee, RegisteredDocument
from xaso.documents.official import OfficialDocument, official_html
from xaso.documents.permissions import REGISTER, SIGN, VIEW
from xaso.documents.signing.services import signed_result_create
from xaso.documents.signing.verification import pdf_reader


def _works_in(user, commune) -> bool:
    """A staff member of the commune itself (a province supervisor is not invited as staff)."""
    return user is not None and commune.code in scope_of(user, VIEW).commune_codes


def _clean(text: str, *, field: str, message: str, limit: int = 300) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise InvalidInput(message, field=field)
    return text[:limit]


def meeting_create(
    *,
    actor,
    commune,
    title: str,
    starts_at: dt.datetime,
    place: str,
    chair,
    staff: list,
    outsiders: list[tuple[str, str, str]] = (),
) -> Meeting:
    """Schedule a meeting and invite people. Rules: the commune's clerk or a leader; the chair
    and invited staff work in the commune (the chair is always invited); people from outside
    need a name and a phone number or an e-mail address."""
    require(actor, REGISTER, commune=commune)
    title = _clean(title, field="title", message=_("Enter the meeting's title."))
    place = _clean(place, field="place", message=_("Enter where the meeting takes place."))
    if starts_at is None:
        raise InvalidInput(_("Enter when the meeting starts."), field="starts_at")
    if not _works_in(chair, commune):
        raise InvalidInput(_("The chair must work in this commune."), field="chair")
    people = {chair.pk: chair}
    for user in staff:
        if not _works_in(user, commune):
            raise InvalidInput(_("Invite staff of this commune only."), field="staff")
        people[user.pk] = user
    guests = []
    for name, phone, email in outsiders:
        name = " ".join((name or "").split())
        if not name or not (phone or email):
            raise InvalidInput(
                _("Give each guest from outside a name and a phone number or an e-mail address."),
                field="outsiders",
            )
        guests.append(MeetingInvitee(name=name[:200], phone=(phone or "")[:20], email=email or ""))
    with transaction.atomic():
        meeting = Meeting.objects.create(
            commune=commune,
            code=secrets.token_urlsafe(12),
            title=title,
            starts_at=starts_at,
            place=place,
            chair=chair,
            created_by=actor,
        )
        MeetingInvitee.objects.bulk_create(
            [MeetingInvitee(meeting=meeting, user=u, name=u.full_name or u.username) for u in people.values()]
        )
        for guest in guests:
            guest.meeting = meeting
            guest.save()
        audit_record(
            actor=actor,
            action="meeting.create",
            target=meeting,
            commune_code=commune.code,
            summary=title,
            changes={"invitees": len(people) + len(guests)},
        )
    return meeting


def meeting_item_add(
    *,
    actor,
    meeting: Meeting,
    title: str,
    document: RegisteredDocument | None = None,
    upload: tuple[str, bytes] | None = None,
) -> AgendaItem:
    """Add an agenda item, with a registry document of the same commune or an uploaded PDF.
    Rules: the commune's clerk or a leader; before the minutes are signed; an upload must be
    a readable, unencrypted PDF within the size limit."""
    require(actor, REGISTER, commune=meeting.commune)
    if meeting.minutes_document_id:
        raise Conflict(_("The minutes are signed: the meeting can no longer be changed."))
    title = _clean(title, field="title", message=_("Enter the agenda item."))
    if document is not None and document.commune_id != meeting.commune_id:
        raise InvalidInput(_("Choose a document of this commune."), field="document")
    checked = None
    if upload is not None:
        pdf_reader(upload[1], settings.DOCUMENTS_MAX_PDF_BYTES)
        checked = file_check(
            upload[1], name=upload[0], field="file", kinds=(PDF,), max_bytes=settings.DOCUMENTS_MAX_PDF_BYTES
        )
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        last = locked.agenda_items.order_by("-position").values_list("position", flat=True).first()
        position = (last or 0) + 1
        item = AgendaItem(meeting=locked, position=position, title=title, document=document)
        if checked is not None:
            item.file_name = checked.original_name  # shown only; stored under a random name
            item.file = checked.content()
        item.save()
        audit_record(
            actor=actor,
            action="meeting.agenda_add",
            target=meeting,
            commune_code=meeting.commune_id,
            summary=title,
            changes={"document": document.pk if document else None, "file": bool(upload)},
        )
    return item


def meeting_check_in(*, invitee: MeetingInvitee, actor=None) -> MeetingInvitee:
    """An invited person says they are present (from the meeting pack). Rules: once; `actor`
    is the signed-in invitee, or None for a guest who came through their personal link."""
    with transaction.atomic():
        locked = MeetingInvitee.objects.select_for_update().select_related("meeting").get(pk=invitee.pk)
        if locked.checked_in_at is None:
            locked.checked_in_at = timezone.now()
            locked.save(update_fields=["checked_in_at"])
            audit_record(
                actor=actor,
                action="meeting.check_in",
                target=locked.meeting,
                commune_code=locked.meeting.commune_id,
                summary=locked.name,
            )
    return locked


def meeting_minutes_save(*, actor, meeting: Meeting, text: str) -> Meeting:
    """Write (or rewrite) the minutes. Rules: the commune's clerk, a leader or the chair;
    not after they are signed."""
    if not (
        holds(actor, REGISTER, commune=meeting.commune) or meeting.chair_id == getattr(actor, "pk", None)
    ):
        raise NotAllowed(_("You are not allowed to do this in this commune."))
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("Write the minutes."), field="minutes")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.minutes_document_id:
            raise Conflict(_("The minutes are signed and can no longer be changed."))
        locked.minutes = text[:50_000]
        locked.save(update_fields=["minutes"])
        audit_record(
            actor=actor, action="meeting.minutes_save", target=locked, commune_code=locked.commune_id
        )
    return locked


def _minutes_body(meeting: Meeting) -> str:
    local = timezone.localtime(meeting.starts_at)
    present = [i.name for i in meeting.invitees.all() if i.checked_in_at]
    absent = [i.name for i in meeting.invitees.all() if not i.checked_in_at]
    lines = [
        f"Thời gian: {local:%H giờ %M, ngày %d/%m/%Y}. Địa điểm: {meeting.place}.",
        f"Chủ trì: {meeting.chair.full_name}.",
        "Có mặt: " + (", ".join(present) or "—") + ".",
        "Vắng mặt: " + (", ".join(absent) or "—") + ".",
        "Nội dung: " + "; ".join(f"{i.position}. {i.title}" for i in meeting.agenda_items.all()) + ".",
        meeting.minutes,
    ]
    return "\n\n".join(lines)


def meeting_minutes_sign(*, actor, meeting: Meeting, credential, secret: str) -> Meeting:
    """Sign the minutes as a PDF (Decree 30 format, kind "BB") with the signer's own
    certificate. Rules: the chair or a leader of the commune, holding a signing certificate
    there; minutes written; once."""
    commune = meeting.commune
    if not (holds(actor, SIGN, commune=commune) or meeting.chair_id == getattr(actor, "pk", None)):
        raise NotAllowed(_("Only the chair or a leader signs the minutes."))
    # The seal does not sign minutes; whether the actor may use the certificate at all is
    # pdf_sign_with's check (a leader's own, valid, of this commune).
    if credential.holder_id is None or credential.holder_id != actor.pk:
        raise InvalidInput(_("Sign the minutes with your own certificate."), field="credential")
    if not meeting.minutes.strip():
        raise InvalidInput(_("Write the minutes."), field="minutes")
    if meeting.minutes_document_id:
        raise Conflict(_("The minutes are signed and can no longer be changed."))
    place = commune.name.split(" ", 1)[1] if " " in commune.name else commune.name
    od = OfficialDocument(
        kind="BB",
        issuing_body=f"Ủy ban nhân dân {commune.name}",
        body_abbr="UBND",
        place=place,
        issued_on=timezone.localdate(),
        title=meeting.title,
        body=_minutes_body(meeting),
        signer_name=credential.holder.full_name,
        signer_position=credential.position or "CHỦ TRÌ",
        authority="",
        recipients=["Các thành phần dự họp", "Lưu: VT"],
    )
    signed = signed_result_create(
        actor=actor,
        commune=commune,
        title=f"Biên bản: {meeting.title}",
        html_or_pdf=official_html(od),
        credential=credential,
        secret=secret,
        kind="minutes",
        subject_type="documents.meeting",
        subject_id=str(meeting.pk),
    )
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.minutes_document_id:
            raise Conflict(_("The minutes are signed and can no longer be changed."))
        locked.minutes_document = signed
        locked.save(update_fields=["minutes_document"])
        audit_record(
            actor=actor,
            action="meeting.minutes_sign",
            target=locked,
            commune_code=locked.commune_id,
            summary=signed.code,
        )
    return locked

"""Writes of the document registry: register incoming documents, draft, sign, issue and
distribute outgoing ones, assign and handle, comment. Services of the documents app kept in
their own module by topic (signing lives in signing/services.py)."""

import datetime as dt
import subprocess

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.pdf import html_to_pdf_with_anchors
from xaso.core.permissions import holds, require
from xaso.core.text import fold_all
from xaso.core.uploads import IMAGE, OFFICE, PDF, file_check
from xaso.documents.models import (
    Direction,
    DocumentEvent,
    DocumentStatus,
    RegisterBook,
    RegisteredDocument,
)
from xaso.documents.official import KINDS, NUMBER_ANCHOR, OfficialDocument, official_html, symbol_of
from xaso.documents.permissions import REGISTER, VIEW
from xaso.documents.registry.workflow import INCOMING_FLOW, OUTGOING_FLOW, document_roles, flow_of
from xaso.documents.signing.services import pdf_sign_with, signed_result_create
from xaso.documents.signing.verification import pdf_reader


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF (poppler's pdftotext), for search. Empty when it has none (a scan)."""
    try:
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-q", "-", "-"],  # noqa: S607 — poppler-utils is a dependency
            input=pdf,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.decode("utf-8", "replace")[:200_000]


def _search_text(doc: RegisteredDocument) -> str:
    return fold_all(doc.title, doc.number_symbol, doc.sender, " ".join(doc.recipients), doc.body, doc.text)


def number_take(*, commune, year: int, direction: str) -> tuple[RegisterBook, int]:
    """The next number of a register book. Rules: must run inside the caller's transaction,
    which then holds the book's row lock until it commits, so numbers are handed out one at a
    time; a rolled-back transaction gives its number back (no gaps)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_take must run inside a transaction")
    RegisterBook.objects.get_or_create(commune=commune, year=year, direction=direction)
    book = RegisterBook.objects.select_for_update().get(commune=commune, year=year, direction=direction)
    book.last_number += 1
    book.save(update_fields=["last_number"])
    return book, book.last_number


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise InvalidInput(_("Enter the document's summary (trích yếu)."), field="title")
    return title[:500]


def _clean_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidInput(_("Choose a kind of document from the list."), field="kind")
    return kind


def _event(
    doc, *, actor, action: str, note: str = "", data: dict | None = None, attachment=None, actor_label=""
):
    event = DocumentEvent(
        document=doc,
        action=action,
        from_status=doc.status,
        to_status=doc.status,
        actor=actor,
        actor_label=(actor_label or str(actor))[:200],
        note=note,
        data=data or {},
    )
    if attachment is not None:
        event.attachment = attachment.content()
    event.save()
    return event


def incoming_register(
    *,
    actor,
    commune,
    kind: str,
    title: str,
    sender: str,
    number_symbol: str = "",
    document_date: dt.date | None = None,
    pdf: bytes | None = None,
) -> RegisteredDocument:
    """Register an incoming document (uploaded, scanned or received by exchange) and give it
    the next number of the year's incoming book. Rules: clerks and leaders of the commune;
    the PDF, when given, must be readable, unencrypted and within the size limit; its text is
    extracted for search."""
    require(actor, REGISTER, commune=commune)
    return incoming_record(
        actor=actor,
        commune=commune,
        kind=kind,
        title=title,
        sender=sender,
        number_symbol=number_symbol,
        document_date=document_date,
        pdf=pdf,
    )


def incoming_record(
    *,
    actor,
    commune,
    kind: str,
    title: str,
    sender: str,
    number_symbol: str = "",
    document_date: dt.date | None = None,
    pdf: bytes | None = None,
    actor_label: str = "",
    data: dict | None = None,
) -> RegisteredDocument:
    """`incoming_register` without the permission check, for the callers that already
    established who is registering: the exchange registers as the sending agency (`actor`
    None, `actor_label` its name). Rules: those of `incoming_register`."""
    title, kind = _clean_title(title), _clean_kind(kind)
    sender = " ".join((sender or "").split())
    if not sender:
        raise InvalidInput(_("Enter the sending agency."), field="sender")
    text, checked = "", None
    if pdf is not None:
        pdf_reader(pdf, settings.DOCUMENTS_MAX_PDF_BYTES)
        checked = file_check(
            pdf, name="", field="file", kinds=(PDF,), max_bytes=settings.DOCUMENTS_MAX_PDF_BYTES
        )
        text = pdf_text(pdf)
    now = timezone.now()
    doc = RegisteredDocument(
        commune=commune,
        direction=Direction.INCOMING,
        status=DocumentStatus.REGISTERED,
        kind=kind,
        title=title,
        sender=sender[:300],
        number_symbol=number_symbol.strip()[:60],
        document_date=document_date,
        registered_at=now,
        text=text,
        created_by=actor,
    )
    doc.search_text = _search_text(doc)
    if checked is not None:
        doc.file = checked.content()  # a random name: the sender's file name is not kept
    try:
        with transaction.atomic():
            doc.book, doc.book_number = number_take(
                commune=commune, year=timezone.localdate(now).year, direction=Direction.INCOMING
            )
            doc.save()
            _event(
                doc,
                actor=actor,
                action="register",
                data={"book_number": doc.book_number, **(data or {})},
                actor_label=actor_label,
            )
            audit_record(
                actor=actor,
                action="incoming_document.register",
                target=doc,
                commune_code=commune.code,
                summary=title[:300],
                changes={"book_number": doc.book_number, "sender": sender},
            )
    except Exception:
        if doc.file:
            doc.file.delete(save=False)
        raise
    return doc


# --- handling (incoming) -------------------------------------------------------------------


def document_assign(
    *, actor, document, handler, deadline: dt.date | None, note: str = ""
) -> RegisteredDocument:
    """Assign an incoming document to a handler of the same commune, with a deadline."""
    if handler is None or not holds(handler, VIEW, commune=document.commune):
        raise InvalidInput(_("Choose a handler who works in this commune."), field="handler")
    if deadline is not None and deadline < timezone.localdate():
        raise InvalidInput(_("The deadline cannot be in the past."), field="deadline")

    def update(doc, old):
        doc.handler, doc.deadline = handler, deadline

    doc, _event_row = INCOMING_FLOW.apply(
        document, "assign", actor=actor, note=note, update=update, data={"handler": handler.pk}
    )
    return doc


def document_act(*, actor, document, action: str, note: str = "") -> RegisteredDocument:
    """Take a plain step of a document's flow (start, finish, submit, return, distribute)."""
    if action in {"assign", "sign", "issue"}:
        raise InvalidInput(_("This action needs more information."), field="action")
    doc, _event_row = flow_of(document).apply(document, action, actor=actor, note=note)
    return doc


def document_comment(
    *, actor, document, note: str, attachment: tuple[str, bytes] | None = None
) -> DocumentEvent:
    """Add a comment (and optionally an attachment) to a document's timeline. Rules: staff of
    the commune; an attachment is a PDF, a picture or a Word/Excel file by its content (xaso.core.uploads)
    within the size limit."""
    require(actor, VIEW, commune=document.commune)
    note = (note or "").strip()
    if not note and attachment is None:
        raise InvalidInput(_("Write a comment or attach a file."), field="note")
    checked = None
    if attachment is not None:
        checked = file_check(
            attachment[1],
            name=attachment[0],
            field="attachment",
            kinds=(PDF, IMAGE, OFFICE),
            max_bytes=settings.DOCUMENTS_MAX_PDF_BYTES,
        )
    with transaction.atomic():
        event = _event(document, actor=actor, action="comment", note=note[:5000], attachment=checked)
        audit_record(
            actor=actor,
            action="document.comment",
            target=document,
            commune_code=document.commune_id,
            summary=note[:300],
        )
    return event


# --- outgoing ------------------------------------------------------------------------------


def outgoing_create(
    *,
    actor,
    commune,
    kind: str,
    title: str,
    body: str,
    recipients: list[str],
    signer_position: str = "CHỦ TỊCH",
    authority: str = "TM. ỦY BAN NHÂN DÂN",
) -> RegisteredDocument:
    """Draft an outgoing document in the Decree 30 format. Rules: commune staff."""
    require(actor, VIEW, commune=commune)
    title, kind = _clean_title(title), _clean_kind(kind)
    recipients = [" ".join(r.split()) for r in recipients if r and r.strip()]
    doc = RegisteredDocument(
        commune=commune,
        direction=Direction.OUTGOING,
        status=DocumentStatus.DRAFT,
        kind=kind,
        title=title,
        body=(body or "").strip(),
        recipients=recipients,
        number_symbol=symbol_of(kind, "UBND"),
        created_by=actor,
    )
    doc.search_text = _search_text(doc)
    with transaction.atomic():
        doc.save()
        _event(doc, actor=actor, action="create", data={"position": signer_position, "authority": authority})
        audit_record(
            actor=actor,
            action="outgoing_document.create",
            target=doc,
            commune_code=commune.code,
            summary=title,
        )
    return doc


def outgoing_update(
    *, actor, document, kind: str, title: str, body: str, recipients: list[str]
) -> RegisteredDocument:
    """Change an outgoing draft (also one a leader returned for changes). Rules: drafts only;
    its author, the clerk or a leader of the commune."""
    if document.direction != Direction.OUTGOING or document.status != DocumentStatus.DRAFT:
        raise Conflict(_("Only a draft can be changed."), field="action")
    if not ({"author", "registrar", "leader"} & document_roles(actor, document)):
        raise NotAllowed(_("Your role does not allow this action."), field="action")
    title, kind = _clean_title(title), _clean_kind(kind)
    with transaction.atomic():
        doc = RegisteredDocument.objects.select_for_update().select_related("commune").get(pk=document.pk)
        if doc.status != DocumentStatus.DRAFT:
            raise Conflict(_("Only a draft can be changed."), field="action")
        doc.kind, doc.title, doc.body = kind, title, (body or "").strip()
        doc.recipients = [" ".join(r.split()) for r in recipients if r and r.strip()]
        doc.number_symbol = symbol_of(kind, "UBND")
        doc.search_text = _search_text(doc)
        doc.save()
        _event(doc, actor=actor, action="edit")
        audit_record(
            actor=actor,
            action="outgoing_document.edit",
            target=doc,
            commune_code=doc.commune_id,
            summary=title,
        )
    return doc


def _official(
    doc: RegisteredDocument, *, signer_name: str, position: str, authority: str
) -> OfficialDocument:
    commune = doc.commune
    place = commune.name.split(" ", 1)[1] if " " in commune.name else commune.name
    return OfficialDocument(
        kind=doc.kind,
        issuing_body=f"Ủy ban nhân dân {commune.name}",
        body_abbr="UBND",
        place=place,
        issued_on=timezone.localdate(),
        title=doc.title,
        body=doc.body,
        signer_name=signer_name,
        signer_position=position,
        authority=authority,
        recipients=[*doc.recipients, "Lưu: VT"],
        reserve_number_box=True,
    )


def outgoing_sign(*, actor, document, credential, secret: str) -> RegisteredDocument:
    """The leader signs an outgoing document in review: it is rendered in the official format
    (the number left for the clerk) and signed with the leader's certificate."""
    refusal = OUTGOING_FLOW.refusal(document, "sign", actor)
    if refusal is not None:
        raise refusal
    created = document.events.filter(action="create").first()
    options = created.data if created else {}
    od = _official(
        document,
        signer_name=credential.holder.full_name if credential.holder else credential.label,
        position=options.get("position", "CHỦ TỊCH"),
        authority=options.get("authority", ""),
    )
    signed = signed_result_create(
        actor=actor,
        commune=document.commune,
        title=document.title,
        html_or_pdf=official_html(od),
        credential=credential,
        secret=secret,
        kind="outgoing",
        subject_type="documents.registereddocument",
        subject_id=str(document.pk),
    )

    def update(doc, old):
        doc.signed_document = signed

    doc, _event_row = OUTGOING_FLOW.apply(
        document, "sign", actor=actor, update=update, data={"code": signed.code}
    )
    return doc


def outgoing_issue(*, actor, document, seal, secret: str) -> RegisteredDocument:
    """The clerk issues a signed outgoing document: it takes the next number of the year's
    outgoing book, and the commune's seal signs the document with the number and date in its
    visible block (over the number line). Rules: a failed seal gives the number back."""
    refusal = OUTGOING_FLOW.refusal(document, "issue", actor)
    if refusal is not None:
        raise refusal
    if not seal.is_seal:
        raise InvalidInput(
            _("Issue with the commune's seal, not a personal certificate."), field="credential"
        )
    signed = document.signed_document
    with signed.file.open("rb") as fh:
        pdf = fh.read()
    created = document.events.filter(action="create").first()
    options = created.data if created else {}
    _html_pdf, anchors = html_to_pdf_with_anchors(
        official_html(_official(document, signer_name="", position=options.get("position", ""), authority=""))
    )
    anchor = anchors.get(NUMBER_ANCHOR)
    today = timezone.localdate()

    def update(doc, old):
        doc.book, doc.book_number = number_take(
            commune=doc.commune, year=today.year, direction=Direction.OUTGOING
        )
        doc.number_symbol = f"{doc.book_number:02d}/{symbol_of(doc.kind, 'UBND')}"
        doc.document_date = today
        doc.registered_at = timezone.now()
        sealed = pdf_sign_with(
            actor=actor,
            commune=doc.commune,
            credential=seal,
            secret=secret,
            pdf=pdf,
            anchor=anchor,
            reason=f"Ban hành {doc.number_symbol}",
            headline=f"Số: {doc.number_symbol} - ngày {today:%d/%m/%Y}",
        )
        doc.file.save(f"{signed.code}.pdf", ContentFile(sealed), save=False)
        doc.text = pdf_text(sealed)
        doc.search_text = _search_text(doc)

    try:
        doc, _event_row = OUTGOING_FLOW.apply(document, "issue", actor=actor, update=update)
    except Exception:
        if document.file:
            document.file.delete(save=False)
        raise
    return doc

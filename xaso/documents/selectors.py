"""Reads of the documents app, scoped to the actor."""

import datetime as dt

from django.db import connections
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.accounts.roles import COMMUNE_STAFF
from xaso.core.errors import NotAllowed, NotFound
from xaso.core.tenancy import scope_of
from xaso.documents import conf, fulltext, revocation
from xaso.documents.meeting_links import invitee_from_token
from xaso.documents.models import (
    CLOSED_STATUSES,
    Direction,
    Meeting,
    MeetingInvitee,
    RegisteredDocument,
    SignedDocument,
    SigningCredential,
    TrustRoot,
)
from xaso.documents.verification import VerificationReport, pdf_verify
from xaso.places.models import Commune

VIEW = "documents.view"
SIGN = "documents.sign"
REGISTER = "documents.register"


def trust_roots_der() -> list[bytes]:
    return [bytes(der) for der in TrustRoot.objects.values_list("certificate_der", flat=True)]


def verification_report(actor, pdf: bytes) -> VerificationReport:
    """What the signatures of `pdf` prove. Public: anyone may ask, about any PDF."""
    return pdf_verify(
        pdf, trust_roots=trust_roots_der(), max_bytes=conf.MAX_PDF_BYTES, crls=revocation.crls_der()
    )


def signed_document_by_code(actor, code: str) -> SignedDocument:
    """The public record behind a verification code (the QR on the paper). Public by design:
    the code is unguessable and printed only on the document it describes."""
    normalised = (code or "").strip().upper()
    doc = SignedDocument.objects.select_related("commune").filter(code=normalised).first()
    if doc is None:
        raise NotFound(_("No signed document has this verification code."))
    return doc


def signed_documents_for(actor, *, subject_type: str = "", subject_id: str = ""):
    """Signed documents of the communes the actor may view; optionally those of one subject."""
    qs = SignedDocument.objects.for_actor(actor, VIEW).select_related("commune")
    if subject_type:
        qs = qs.filter(subject_type=subject_type, subject_id=str(subject_id))
    return qs


def credentials_usable_by(actor, commune):
    """The credentials `actor` may sign with in `commune`: their own personal certificates when
    they hold the signing permission there, and the commune's seal when they sign or keep the
    register (the clerk applies the seal when issuing)."""
    qs = SigningCredential.objects.filter(commune=commune, revoked_at__isnull=True)
    if not getattr(actor, "is_authenticated", False):
        return qs.none()

    def reaches(perm):
        return actor.scope_for(perm).reaches(commune_code=commune.code, province_code=commune.province_id)

    signs, registers = reaches(SIGN), reaches(REGISTER)
    if signs:
        return qs.filter(Q(holder__isnull=True) | Q(holder=actor))
    if registers:
        return qs.filter(holder__isnull=True)
    return qs.none()


def registry_search(
    actor,
    *,
    q: str = "",
    direction: str = "",
    status: str = "",
    year: int | None = None,
    overdue: bool = False,
):
    """Registered documents of the communes the actor may view, newest first. `q` matches
    every word (the last as a prefix), ignoring case and diacritics, in the summary, numbers,
    sender, recipients and the PDF's text, through the full-text index (fulltext.py)."""
    qs = RegisteredDocument.objects.for_actor(actor, VIEW).select_related("commune", "handler")
    if direction:
        qs = qs.filter(direction=direction)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(created_at__year=year)
    if overdue:
        qs = qs.filter(deadline__lt=timezone.localdate()).exclude(status__in=CLOSED_STATUSES)
    communes = _communes_reached(actor, VIEW)
    # Last: the full-text match sets the order (newest first) and must not be re-ordered.
    return fulltext.matching_newest_first(
        qs,
        q,
        connection=connections[qs.db],
        communes=communes,
        counted_by_index=not (direction or status or year or overdue)
        and (bool(communes) or scope_of(actor, VIEW).everything),
    )


def _communes_reached(actor, perm) -> frozenset[str] | None:
    """The codes of the communes `for_actor(actor, perm)` reaches (a province's are listed);
    None when it reaches every commune or more than the full-text index is narrowed by."""
    scope = scope_of(actor, perm)
    if scope.everything:
        return None
    codes = set(scope.commune_codes)
    if scope.province_codes:
        in_provinces = Commune.objects.filter(province_id__in=scope.province_codes).values_list(
            "code", flat=True
        )
        codes.update(in_provinces.values_list("code", flat=True)[: fulltext.MAX_COMMUNES + 1])
    return frozenset(codes) if len(codes) <= fulltext.MAX_COMMUNES else None


def registry_count(listing, *, cap: int) -> tuple[int, bool]:
    """The number of documents in a `registry_search` listing, up to `cap`, and whether there
    are more (on PostgreSQL possibly an estimate, see fulltext.count_capped)."""
    return fulltext.count_capped(listing, cap, connection=connections[listing.db])


def registered_document_for(actor, document_id: int) -> RegisteredDocument:
    """One registered document the actor may view, or NotFound (also for another commune's)."""
    doc = (
        RegisteredDocument.objects.for_actor(actor, VIEW)
        .select_related("commune", "commune__province", "handler", "signed_document")
        .filter(pk=document_id)
        .first()
    )
    if doc is None:
        raise NotFound(_("No such document."))
    return doc


def handlers_for(actor, commune):
    """People of `commune` a document can be assigned to: its active staff members."""
    return (
        User.objects.filter(
            memberships__commune=commune,
            memberships__is_active=True,
            memberships__role__in=sorted(COMMUNE_STAFF),
        )
        .distinct()
        .order_by("full_name")
    )


# --- figures for other apps' reports and the DX indicators (aggregates, no actor) ------------


def signed_subject_ids(subject_type: str):
    """The ids (as text) of the things of `subject_type` that a signed document is linked to, as
    a subquery: the one-stop shop counts its digitally signed results with it."""
    return SignedDocument.objects.filter(subject_type=subject_type).values("subject_id")


def document_exchange_by_commune(commune_codes: list[str], *, start, end) -> dict[str, dict]:
    """{commune code: {"documents", "electronic"}} for the documents entered in a register book
    in [start, end] (local dates): incoming ones registered, outgoing ones issued, in one grouped
    query; a commune without any is absent. Electronic: an outgoing document issued with its
    digital signature; an incoming one registered with its PDF carrying a text layer (received
    by exchange or as a born-digital file). A scan of paper (a PDF without text) or no file at
    all counts as paper: the registry does not record how a document travelled otherwise."""
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    electronic = Q(direction=Direction.OUTGOING, signed_document__isnull=False) | (
        Q(direction=Direction.INCOMING) & ~Q(file="") & ~Q(text="")
    )
    rows = (
        RegisteredDocument.objects.filter(
            commune_id__in=commune_codes,
            book_number__isnull=False,
            registered_at__gte=since,
            registered_at__lt=until,
        )
        .values("commune_id")
        .annotate(documents=Count("pk"), electronic=Count("pk", filter=electronic))
        .order_by()
    )
    return {row.pop("commune_id"): row for row in rows}


def meetings_for(actor):
    """Meetings of the communes the actor may view (their staff and province), newest first."""
    return Meeting.objects.for_actor(actor, VIEW).select_related("commune", "chair")


def meeting_for(actor, meeting_id: int) -> Meeting:
    """One meeting the actor may view, or NotFound (also for another commune's)."""
    meeting = meetings_for(actor).filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound(_("No such meeting."))
    return meeting


def meeting_pack_for(actor, code: str, *, token: str = "", invitee_id: int | None = None):
    """The meeting behind a QR code and the invited person opening it: a signed-in invitee,
    whoever holds an invitee's personal link (`token`), or a browser that opened one before
    (`invitee_id`, kept in its session). Rules: NotFound for an unknown code; NotAllowed for
    everyone else, the commune's other staff included: the pack is for the invited."""
    meeting = Meeting.objects.select_related("commune", "chair", "minutes_document").filter(code=code).first()
    if meeting is None:
        raise NotFound(_("No meeting has this code."))
    invitee = None
    if getattr(actor, "is_authenticated", False):
        invitee = meeting.invitees.filter(user=actor).first()
    invitee = invitee or invitee_from_token(meeting, token)
    if invitee is None and invitee_id is not None:
        invitee = meeting.invitees.filter(pk=invitee_id).first()
    if invitee is None:
        raise NotAllowed(
            _(
                "This meeting's documents are for the people invited to it. If you were invited, sign in "
                "or open the personal link you were sent."
            )
        )
    return meeting, invitee


def meeting_invitees(meeting: Meeting):
    return MeetingInvitee.objects.filter(meeting=meeting).select_related("user")

"""Reads of the document registry, scoped to the actor: search through the full-text index,
one document, the people a document can be assigned to; and the DX indicators' figures."""

from django.db import connections
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.accounts.roles import COMMUNE_STAFF
from xaso.core.calendar import day_bounds
from xaso.core.errors import NotAllowed, NotFound
from xaso.core.tenancy import scope_of
from xaso.documents.models import CLOSED_STATUSES, Direction, DocumentStatus, RegisteredDocument
from xaso.documents.permissions import REGISTER, VIEW
from xaso.documents.registry import fulltext
from xaso.places.models import Commune
from xaso.places.selectors import commune_of


def registering_commune(actor) -> Commune:
    """The commune whose register of documents the actor keeps (a clerk's or a leader's own).
    An administrator keeps none: they reach every commune's register but write in none."""
    message = _("You do not keep a commune's register of documents.")
    if scope_of(actor, REGISTER).everything:
        raise NotAllowed(message)
    return commune_of(actor, REGISTER, own=True, message=message)


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


# --- figures for the DX indicators (aggregates, no actor) -----------------------------------


def document_exchange_by_commune(commune_codes: list[str], *, start, end) -> dict[str, dict]:
    """{commune code: {"documents", "electronic"}} for the documents entered in a register book
    in [start, end] (local dates): incoming ones registered, outgoing ones issued, in one grouped
    query; a commune without any is absent. Electronic: an outgoing document issued with its
    digital signature; an incoming one registered with its PDF carrying a text layer (received
    by exchange or as a born-digital file). A scan of paper (a PDF without text) or no file at
    all counts as paper: the registry does not record how a document travelled otherwise."""
    since, until = day_bounds(start, end)
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


def registry_figures(actor) -> dict[str, int]:
    """The dashboard's counts of the registry the actor views, in one query (as `registry_search`
    filters them): incoming documents registered but not assigned yet, outgoing ones in review
    (to sign) and signed (to issue), and those past their deadline and not closed."""
    rows = RegisteredDocument.objects.for_actor(actor, VIEW).order_by()
    incoming, outgoing = Q(direction=Direction.INCOMING), Q(direction=Direction.OUTGOING)
    return rows.aggregate(
        to_assign=Count("pk", filter=incoming & Q(status=DocumentStatus.REGISTERED)),
        to_sign=Count("pk", filter=outgoing & Q(status=DocumentStatus.IN_REVIEW)),
        to_issue=Count("pk", filter=outgoing & Q(status=DocumentStatus.SIGNED)),
        overdue=Count("pk", filter=Q(deadline__lt=timezone.localdate()) & ~Q(status__in=CLOSED_STATUSES)),
    )

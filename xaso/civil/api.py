"""The register's JSON API (mounted at /api/v1/register in xaso/api.py), for officers: search
entries and read one with its history. Reads through the selectors (scoped to the caller);
a page of entries read is audited as a bulk read of personal data."""

from datetime import date
from typing import Annotated

from ninja import Query, Router, Schema

from xaso.civil import selectors
from xaso.civil.models import EntryKind
from xaso.civil.permissions import NO_REGISTER, VIEW
from xaso.core.bounds import MAX_YEAR, MIN_YEAR, Id, Page
from xaso.core.errors import NotAllowed
from xaso.core.privacy import api_read_record, mask_personal_id

router = Router(tags=["register"])

# Personal ID numbers in the details are masked: the API lists people, it does not hand out
# their numbers (the entry's page and its paper show them to who needs them).
MASKED_DETAILS = {"declarant_personal_id", "deceased_personal_id", "husband_personal_id", "wife_personal_id"}


class EntryOut(Schema):
    id: int
    number: int
    book: str
    kind: str
    kind_label: str
    commune: str
    registered_on: date
    village: str
    name: str
    birth_date: date | None
    sex: str
    event_date: date | None
    place: str
    other_name: str
    other_birth_date: date | None
    father_name: str
    mother_name: str
    dossier: str | None
    paper_code: str


class AmendmentOut(Schema):
    at: str
    by: str
    reason: str
    decision: str
    changes: dict[str, list[str]]


class EntryDetailOut(EntryOut):
    details: dict
    history: list[AmendmentOut]


class EntryPage(Schema):
    count: int
    items: list[EntryOut]


def _out(e) -> dict:
    return {
        "id": e.pk,
        "number": e.number,
        "book": e.book.name,
        "kind": e.kind,
        "kind_label": str(EntryKind(e.kind).label),
        "commune": e.commune_id,
        "registered_on": e.registered_on,
        "village": e.village.name if e.village_id else "",
        "name": e.name,
        "birth_date": e.birth_date,
        "sex": e.sex,
        "event_date": e.event_date,
        "place": e.place,
        "other_name": e.other_name,
        "other_birth_date": e.other_birth_date,
        "father_name": e.father_name,
        "mother_name": e.mother_name,
        "dossier": e.dossier.code if e.dossier_id else None,
        "paper_code": e.paper_code,
    }


def _reader(request) -> None:
    if request.user.scope_for(VIEW).is_empty:
        raise NotAllowed(NO_REGISTER)


@router.get("/entries", response=EntryPage)
def entries(
    request,
    page: Query[Page],
    q: Annotated[str, Query(max_length=100)] = "",
    kind: EntryKind | None = None,
    year: Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR)] = None,
    birth_year: Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR)] = None,
    parent: Annotated[str, Query(max_length=100)] = "",
    number: Annotated[int | None, Query(ge=1, le=10**9)] = None,
):
    """Entries of the registers the caller reads (their commune's; a supervisor's province),
    newest first: `q` matches a name without diacritics, `parent` a father's or mother's name,
    `year` the book's year, `number` the entry's number."""
    _reader(request)
    rows = selectors.entries_search(
        request.user,
        q=q,
        kind=kind.value if kind else "",
        year=year,
        birth_year=birth_year,
        parent=parent,
        number=number,
    ).select_related("dossier")
    count = rows.count()
    items = list(rows[page.offset : page.offset + page.limit])
    api_read_record(actor=request.user, what="register_entries", rows=len(items), masked=True)
    return {"count": count, "items": [_out(e) for e in items]}


@router.get("/entries/{entry_id}", response=EntryDetailOut)
def entry(request, entry_id: Id):
    """One entry with its details (personal ID numbers masked) and its history of corrections."""
    found = selectors.entry_for(request.user, entry_id)
    details = {
        k: mask_personal_id(str(v)) if k in MASKED_DETAILS and v else v
        for k, v in (found.details or {}).items()
    }
    history = [
        {
            "at": a.at.isoformat(),
            "by": a.actor_name,
            "reason": a.reason,
            "decision": a.decision,
            "changes": {f: [str(before), str(after)] for f, (before, after) in a.changes.items()},
        }
        for a in selectors.amendments_of(found)
    ]
    api_read_record(actor=request.user, what="register_entry", rows=1, commune=found.commune, masked=True)
    return {**_out(found), "details": details, "history": history}

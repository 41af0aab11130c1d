"""The community app's JSON API (mounted at /api/v1/community in xaso/api.py): households,
announcements with their coverage, and citizen feedback. Parse and render only: reads through
selectors (scoped to the caller), writes through the services; errors are problem bodies
naming the field."""

from datetime import date, datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from xaso.accounts.api import api_caller
from xaso.accounts.models import User
from xaso.community import selectors
from xaso.community.coverage import coverage_for_announcement
from xaso.community.models import FeedbackCategory, FeedbackStatus, Urgency
from xaso.community.permissions import HANDLE_FEEDBACK, MANAGE_HOUSEHOLDS, NO_COMMUNE, VIEW_HOUSEHOLDS
from xaso.community.services.announcements import announcement_create
from xaso.community.services.feedback import (
    feedback_answer,
    feedback_assign,
    feedback_submit,
    feedback_subscribe,
    feedback_unsubscribe,
)
from xaso.community.services.households import HouseholdData, household_save
from xaso.core.api.schemas import In
from xaso.core.bounds import MAX_ID, Id, Moment, Page
from xaso.core.errors import InvalidInput, NotFound
from xaso.core.permissions import holds, require
from xaso.core.privacy import api_read_record, mask_phone
from xaso.places.models import Commune, Village
from xaso.places.selectors import commune_of

router = Router(tags=["community"])


def _listed_commune(request, code: str, perm: str) -> Commune | None:
    """The commune a list is filtered to (None: all the caller's); 403 for a caller who holds
    `perm` in no commune (or not in the one asked for), rather than an empty list."""
    if not code:
        commune_of(request.user, perm, message=NO_COMMUNE)
        return None
    commune = _commune(code)
    require(request.user, perm, commune=commune)
    return commune


def _commune(code: str, field: str = "commune") -> Commune:
    commune = Commune.objects.filter(code=code).first()
    if commune is None:
        raise InvalidInput(_("Unknown commune."), field=field)
    return commune


# Households


class MemberIO(In):
    name: str = Field(max_length=150)
    birth_year: int | None = Field(None, ge=1880, le=2200)


class HouseholdIn(In):
    commune: str = Field(max_length=10)
    code: str = Field(max_length=30)
    village_id: int = Field(ge=1, le=MAX_ID)
    head_name: str = Field(max_length=150)
    address: str = Field("", max_length=300)
    head_birth_year: int | None = Field(None, ge=1880, le=2200)
    members: list[MemberIO] = Field(default_factory=list, max_length=30)
    contact_name: str = Field("", max_length=150)
    contact_phone: str = Field("", max_length=20)
    contact_email: str = Field("", max_length=254)
    contact_zalo_id: str = Field("", max_length=64)
    public_name: bool = False
    public_address: bool = False
    public_phone: bool = False


class HouseholdOut(Schema):
    id: int
    commune: str
    code: str
    village_id: int
    village: str
    address: str
    head_name: str
    head_birth_year: int | None
    members: list[MemberIO]
    contact_name: str
    contact_phone: str
    contact_email: str
    contact_zalo_id: str
    public_name: bool
    public_address: bool
    public_phone: bool
    updated_at: datetime


class HouseholdPage(Schema):
    count: int
    items: list[HouseholdOut]


def _sees_contacts(actor, h) -> bool:
    """Only those who manage the commune's list (and call households) get the full contacts;
    readers (specialists, clerks, digital teams) get the phone masked, no e-mail or Zalo id."""
    return holds(actor, MANAGE_HOUSEHOLDS, commune=h.commune)


def _household_out(h, *, full: bool) -> dict:
    residents = list(h.residents.all())
    head = next((r for r in residents if r.is_head), None)
    return {
        "id": h.pk,
        "commune": h.commune_id,
        "code": h.code,
        "village_id": h.village_id,
        "village": h.village.name,
        "address": h.address,
        "head_name": h.head_name,
        "head_birth_year": head.birth_year if head else None,
        "members": [{"name": r.full_name, "birth_year": r.birth_year} for r in residents if not r.is_head],
        "contact_name": h.contact_name,
        "contact_phone": h.contact_phone if full else mask_phone(h.contact_phone),
        "contact_email": h.contact_email if full else "",
        "contact_zalo_id": h.contact_zalo_id if full else "",
        "public_name": h.public_name,
        "public_address": h.public_address,
        "public_phone": h.public_phone,
        "updated_at": h.updated_at,
    }


def _household_data(payload: HouseholdIn) -> HouseholdData:
    values = payload.dict(exclude={"commune", "members"})
    return HouseholdData(**values, members=[(m.name, m.birth_year) for m in payload.members])


@router.get("/households", response=HouseholdPage)
def households(
    request,
    page: Query[Page],
    commune: str = "",
    village_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    q: Annotated[str, Query(max_length=100)] = "",
):
    """Households the caller may see (their commune's), by village and by text: `q` matches
    the code, the head's name, the address or the phone, ignoring case and diacritics."""
    where = _listed_commune(request, commune, VIEW_HOUSEHOLDS)
    rows = selectors.households_for(request.user, commune=where, q=q, village_id=village_id)
    count = rows.count()
    items = rows.select_related("village", "commune").prefetch_related("residents")[
        page.offset : page.offset + page.limit
    ]
    full = {}
    for h in items:
        if h.commune_id not in full:
            full[h.commune_id] = _sees_contacts(request.user, h)
    api_read_record(
        actor=request.user, what="households", rows=len(items), commune=where, masked=not all(full.values())
    )
    return {"count": count, "items": [_household_out(h, full=full[h.commune_id]) for h in items]}


def _household(request, household_id: int):
    found = (
        selectors.households_for(request.user)
        .select_related("commune")
        .prefetch_related("residents")
        .filter(pk=household_id)
        .first()
    )
    if found is None:
        raise NotFound("household", field="household_id")
    return found


@router.get("/households/{household_id}", response=HouseholdOut)
def household(request, household_id: Id):
    """One household of the caller's commune, with its residents."""
    found = _household(request, household_id)
    return _household_out(found, full=_sees_contacts(request.user, found))


@router.post("/households", response={201: HouseholdOut})
def household_create(request, payload: HouseholdIn):
    """Add a household (household managers of the commune); 409 if its code is taken."""
    commune = _commune(payload.commune)
    saved = household_save(actor=request.user, commune=commune, data=_household_data(payload))
    return Status(201, _household_out(_household(request, saved.pk), full=True))


@router.put("/households/{household_id}", response=HouseholdOut)
def household_update(request, household_id: Id, payload: HouseholdIn):
    """Replace a household's details and residents (household managers of its commune)."""
    found = _household(request, household_id)
    if payload.commune != found.commune_id:
        raise InvalidInput(_("A household cannot move to another commune."), field="commune")
    household_save(actor=request.user, commune=found.commune, data=_household_data(payload), household=found)
    found = _household(request, household_id)
    return _household_out(found, full=_sees_contacts(request.user, found))


# Announcements


class AnnouncementIn(In):
    commune: str = Field(max_length=10)
    title: str = Field(max_length=200)
    body: str = Field(max_length=20000)
    urgency: str = Field(Urgency.NORMAL, description="normal, important or urgent")
    village_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(default_factory=list, max_length=100)
    publish_at: Moment | None = None
    expires_at: Moment | None = None


class AnnouncementOut(Schema):
    id: int
    commune: str
    title: str
    body: str
    urgency: str
    village_ids: list[int]
    publish_at: datetime
    expires_at: datetime | None
    fanned_out_at: datetime | None


class AnnouncementPage(Schema):
    count: int
    items: list[AnnouncementOut]


class VillageCoverageOut(Schema):
    village_id: int
    village: str
    households: int
    reached: int
    percent: int


class CoverageOut(Schema):
    commune: str
    households: int
    reached: int
    percent: int
    villages: list[VillageCoverageOut]


def _announcement_out(a) -> dict:
    return {
        "id": a.pk,
        "commune": a.commune_id,
        "title": a.title,
        "body": a.body,
        "urgency": a.urgency,
        "village_ids": [v.pk for v in a.villages.all()],
        "publish_at": a.publish_at,
        "expires_at": a.expires_at,
        "fanned_out_at": a.fanned_out_at,
    }


@router.get("/announcements", response=AnnouncementPage)
def announcements(request, page: Query[Page], commune: str = ""):
    """Announcements of the caller's commune(s), newest first."""
    where = _listed_commune(request, commune, VIEW_HOUSEHOLDS)
    rows = selectors.announcements_for(request.user, commune=where)
    return {
        "count": rows.count(),
        "items": [_announcement_out(a) for a in rows[page.offset : page.offset + page.limit]],
    }


@router.post("/announcements", response={201: AnnouncementOut})
def announcement_new(request, payload: AnnouncementIn):
    """Publish an announcement to the whole commune (no `village_ids`) or chosen villages; it is
    delivered to each household's contact at `publish_at` (now when omitted). Attachments are
    added on the web page."""
    commune = _commune(payload.commune)
    villages = list(Village.objects.filter(commune=commune, pk__in=payload.village_ids))
    if len(villages) != len(set(payload.village_ids)):
        raise InvalidInput(_("Choose villages of this commune."), field="village_ids")
    created = announcement_create(
        actor=request.user,
        commune=commune,
        title=payload.title,
        body=payload.body,
        urgency=payload.urgency,
        villages=villages,
        publish_at=payload.publish_at,
        expires_at=payload.expires_at,
    )
    return Status(201, _announcement_out(created))


@router.get("/announcements/{announcement_id}/coverage", response=CoverageOut)
def announcement_coverage(request, announcement_id: Id):
    """Households the announcement reached (acknowledged, or told in person) per village and
    for the commune. Aggregates only."""
    found = selectors.announcement_for(request.user, announcement_id)
    coverage = coverage_for_announcement(found)
    return {
        "commune": coverage.commune_code,
        "households": coverage.households,
        "reached": coverage.reached,
        "percent": coverage.percent,
        "villages": [
            {
                "village_id": v.village_id,
                "village": v.village_name,
                "households": v.households,
                "reached": v.reached,
                "percent": v.percent,
            }
            for v in coverage.villages
        ],
    }


# Feedback


class FeedbackIn(In):
    commune: str = Field(max_length=10)
    category: str = Field(description=", ".join(FeedbackCategory.values))
    text: str = Field(max_length=2000)
    village_id: int | None = Field(None, ge=1, le=MAX_ID)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    anonymous: bool = False
    name: str = Field("", max_length=150)
    phone: str = Field("", max_length=20)


class FeedbackCreatedOut(Schema):
    tracking_code: str
    status: str
    due_on: date


class FeedbackOut(Schema):
    id: int
    commune: str
    tracking_code: str
    category: str
    text: str
    village_id: int | None
    latitude: float | None
    longitude: float | None
    status: str
    assigned_to: str | None
    anonymous: bool
    reporter_name: str
    reporter_phone: str
    answer: str
    answered_at: datetime | None
    resolved_at: datetime | None
    due_on: date
    created_at: datetime


class FeedbackPage(Schema):
    count: int
    items: list[FeedbackOut]


class AnswerIn(In):
    answer: str = Field(max_length=5000)
    resolve: bool = False


def _feedback_out(r) -> dict:
    return {
        "id": r.pk,
        "commune": r.commune_id,
        "tracking_code": r.tracking_code,
        "category": r.category,
        "text": r.text,
        "village_id": r.village_id,
        "latitude": float(r.latitude) if r.latitude is not None else None,
        "longitude": float(r.longitude) if r.longitude is not None else None,
        "status": r.status,
        "assigned_to": r.assigned_to.username if r.assigned_to_id else None,
        "anonymous": r.anonymous,
        "reporter_name": r.reporter_name,
        "reporter_phone": r.reporter_phone,
        "answer": r.answer,
        "answered_at": r.answered_at,
        "resolved_at": r.resolved_at,
        "due_on": r.due_on,
        "created_at": r.created_at,
    }


@router.post("/feedback", response={201: FeedbackCreatedOut}, auth=None)
def feedback_new(request, payload: FeedbackIn):
    """Report a problem to a commune (anyone; photos are added on the web form). Keep the
    tracking code to follow the answer. At most 5 reports a day from one address and 3 from
    one phone (429); anonymous reports keep no name, phone or account; a report is in the
    caller's name only with a token or a CSRF-checked session (api_caller)."""
    commune = _commune(payload.commune)
    village = None
    if payload.village_id is not None:
        village = Village.objects.filter(pk=payload.village_id, commune=commune).first()
        if village is None:
            raise InvalidInput(_("Choose a village of this commune."), field="village_id")
    report = feedback_submit(
        actor=api_caller(request),
        commune=commune,
        category=payload.category,
        text=payload.text,
        village=village,
        latitude=payload.latitude,
        longitude=payload.longitude,
        anonymous=payload.anonymous,
        name=payload.name,
        phone=payload.phone,
        ip=request.META.get("REMOTE_ADDR") or None,
    )
    return Status(
        201, {"tracking_code": report.tracking_code, "status": report.status, "due_on": report.due_on}
    )


@router.get("/feedback", response=FeedbackPage)
def feedback_list(request, page: Query[Page], commune: str = "", status: str = ""):
    """Reports the caller handles (their commune's), the soonest due first; `status` filters."""
    where = _listed_commune(request, commune, HANDLE_FEEDBACK)
    if status and status not in FeedbackStatus.values:
        raise InvalidInput(_("Unknown status."), field="status")
    rows = selectors.feedback_for(request.user, commune=where)
    if status:
        rows = rows.filter(status=status)
    items = [_feedback_out(r) for r in rows[page.offset : page.offset + page.limit]]
    api_read_record(actor=request.user, what="feedback", rows=len(items), commune=where)
    return {"count": rows.count(), "items": items}


@router.get("/feedback/{report_id}", response=FeedbackOut)
def feedback_detail(request, report_id: Id):
    """One report the caller handles, with the reporter's contact unless it was anonymous."""
    return _feedback_out(selectors.feedback_one_for(request.user, report_id))


@router.post("/feedback/{report_id}/answer", response=FeedbackOut)
def feedback_reply(request, report_id: Id, payload: AnswerIn):
    """Answer a report publicly, and with `resolve` close it; the reporter is told."""
    report = selectors.feedback_one_for(request.user, report_id)
    return _feedback_out(
        feedback_answer(actor=request.user, report=report, answer=payload.answer, resolve=payload.resolve)
    )


class AssignIn(In):
    officer: str = Field(
        max_length=150, description="the username of an officer who handles the commune's feedback"
    )


@router.post("/feedback/{report_id}/assign", response=FeedbackOut)
def feedback_give(request, report_id: Id, payload: AssignIn):
    """Give a report to a named officer of the commune; they and the followers are told."""
    report = selectors.feedback_one_for(request.user, report_id)
    officer = User.objects.filter(username=payload.officer, is_active=True).first()
    return _feedback_out(feedback_assign(actor=request.user, report=report, officer=officer))


class FollowOut(Schema):
    tracking_code: str
    following: bool


TrackingCode = Annotated[str, Path(max_length=12, pattern=r"^PA-[A-Z0-9]{8}$")]


@router.post("/feedback/follow/{tracking_code}", response=FollowOut)
def feedback_follow(request, tracking_code: TrackingCode):
    """Follow a public report by its tracking code (signed in): told of every update."""
    followed = feedback_subscribe(actor=request.user, report=selectors.feedback_by_code(tracking_code))
    return {"tracking_code": followed.tracking_code, "following": True}


@router.delete("/feedback/follow/{tracking_code}", response=FollowOut)
def feedback_unfollow(request, tracking_code: TrackingCode):
    """Stop following a report."""
    feedback_unsubscribe(actor=request.user, report=selectors.feedback_by_code(tracking_code))
    return {"tracking_code": tracking_code, "following": False}

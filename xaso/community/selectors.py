"""Reads of the community app, scoped to the actor (xaso.core.tenancy)."""

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.community.models import (
    Announcement,
    Bulletin,
    Delivery,
    FeedbackEvent,
    FeedbackReport,
    FeedbackStatus,
    Household,
    HouseholdImport,
    InfoPage,
    PointKind,
    PointMap,
    PublicPoint,
    SpeakerCluster,
)
from xaso.community.permissions import HANDLE_FEEDBACK, MANAGE_INFO_PAGES, MANAGE_RADIO, VIEW_HOUSEHOLDS
from xaso.core.calendar import WorkingCalendar, day_bounds
from xaso.core.errors import InvalidInput, NotFound
from xaso.core.text import fold

# A household with none of these cannot be reached by an announcement except in person.
NO_CONTACT = Q(contact_phone="") & Q(contact_email="") & Q(contact_zalo_id="") & Q(contact_user__isnull=True)


def households_for(
    actor, *, commune=None, q: str = "", village_id=None, no_contact: bool = False
) -> QuerySet[Household]:
    """Households the actor may see, optionally in one commune, one village, by text, or only
    those with no contact channel (no phone, e-mail, Zalo or account)."""
    rows = Household.objects.for_actor(actor, VIEW_HOUSEHOLDS).select_related("village")
    if commune is not None:
        rows = rows.filter(commune=commune)
    if village_id:
        rows = rows.filter(village_id=village_id)
    if no_contact:
        rows = rows.filter(NO_CONTACT)
    if q:
        rows = rows.filter(search_text__contains=fold(q))
    return rows


# Words the village puts before a head's name ("Hộ ông Lê Văn Tư", "gia đình bà Mai"), folded.
_HOUSEHOLD_WORDS = {"ho", "gia", "dinh", "ong", "ba", "anh", "chi", "co", "chu", "bac", "cu"}


def household_named_in(commune, text: str, *, village=None) -> Household | None:
    """The commune's household that `text` names, for logs kept at the door (dx help). Rules:
    a commune without a household list accepts any name (None); otherwise `text` is a
    household code (any case) or its head's name, accents, case and "Hộ ông/bà" aside, in
    `village` when given; a name shared by several households is accepted without one (None);
    a name that matches none is refused on the "household" field."""
    listed = Household.objects.filter(commune=commune)
    if not listed.exists():
        return None
    code = "".join(text.split())
    found = listed.filter(code__iexact=code).first() if code else None
    if found is not None:
        return found
    words = fold(text).split()
    while words and words[0] in _HOUSEHOLD_WORDS:
        words = words[1:]
    name = " ".join(words)
    if village is not None:
        listed = listed.filter(village=village)
    heads = [h for h in listed.filter(search_text__contains=name) if name and fold(h.head_name) == name]
    if not heads:
        raise InvalidInput(
            _("No household of this commune has this code or head's name: check the household list."),
            field="household",
        )
    return heads[0] if len(heads) == 1 else None


def household_import_for(actor, uid) -> HouseholdImport:
    """One import the actor may see (their commune's), else NotFound."""
    try:
        return HouseholdImport.objects.for_actor(actor, VIEW_HOUSEHOLDS).get(uid=uid)
    except (HouseholdImport.DoesNotExist, ValueError):
        raise NotFound("import") from None


def announcements_for(actor, *, commune=None) -> QuerySet[Announcement]:
    """Announcements of the communes where the actor may publish or see households."""
    rows = Announcement.objects.for_actor(actor, VIEW_HOUSEHOLDS).prefetch_related("villages")
    return rows.filter(commune=commune) if commune is not None else rows


def announcement_for(actor, announcement_id) -> Announcement:
    """One announcement the actor may manage, else NotFound."""
    try:
        return announcements_for(actor).select_related("commune").get(pk=announcement_id)
    except (Announcement.DoesNotExist, ValueError):
        raise NotFound("announcement") from None


def unreached_deliveries(actor, announcement: Announcement, *, village_id=None) -> QuerySet[Delivery]:
    """The households an announcement has not reached yet, by village (for the village head)."""
    rows = Delivery.objects.for_actor(actor, VIEW_HOUSEHOLDS).filter(
        announcement=announcement, reached_at__isnull=True
    )
    if village_id:
        rows = rows.filter(village_id=village_id)
    return rows.select_related("household", "village").order_by("village__name", "household__code")


def announcements_public(commune, *, village=None) -> QuerySet[Announcement]:
    """Published, unexpired announcements of a commune (and, with `village`, those for it:
    commune-wide ones plus those naming the village). Public: no personal data."""
    now = timezone.now()
    rows = Announcement.objects.filter(commune=commune, publish_at__lte=now).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )
    if village is not None:
        rows = rows.filter(Q(villages=None) | Q(villages=village)).distinct()
    return rows.prefetch_related("attachments", "villages")


def announcement_public(announcement_id) -> Announcement:
    """One published, unexpired announcement, else NotFound."""
    now = timezone.now()
    try:
        return (
            Announcement.objects.filter(publish_at__lte=now)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .select_related("commune")
            .prefetch_related("attachments", "villages")
            .get(pk=announcement_id)
        )
    except (Announcement.DoesNotExist, ValueError):
        raise NotFound("announcement") from None


def clusters_for(actor, *, commune=None) -> QuerySet[SpeakerCluster]:
    """Loudspeaker clusters the actor manages."""
    rows = SpeakerCluster.objects.for_actor(actor, MANAGE_RADIO).select_related("village")
    return rows.filter(commune=commune) if commune is not None else rows


def bulletins_for(actor, *, commune=None) -> QuerySet[Bulletin]:
    """Radio bulletins the actor manages, newest first."""
    rows = Bulletin.objects.for_actor(actor, MANAGE_RADIO).prefetch_related("clusters")
    return rows.filter(commune=commune) if commune is not None else rows


def bulletin_for(actor, bulletin_id) -> Bulletin:
    try:
        return bulletins_for(actor).get(pk=bulletin_id)
    except (Bulletin.DoesNotExist, ValueError):
        raise NotFound("bulletin") from None


def info_pages_for(actor, *, commune=None) -> QuerySet[InfoPage]:
    """QR information pages the actor manages."""
    rows = InfoPage.objects.for_actor(actor, MANAGE_INFO_PAGES)
    return rows.filter(commune=commune) if commune is not None else rows


def info_page_for(actor, page_id) -> InfoPage:
    try:
        return info_pages_for(actor).select_related("commune").get(pk=page_id)
    except (InfoPage.DoesNotExist, ValueError):
        raise NotFound("page") from None


def info_page_public(commune_code: str, page_id) -> InfoPage:
    """A published information page (all are public: they exist to be scanned)."""
    try:
        return InfoPage.objects.select_related("commune", "village").get(pk=page_id, commune_id=commune_code)
    except (InfoPage.DoesNotExist, ValueError):
        raise NotFound("page") from None


def info_pages_public(commune) -> QuerySet[InfoPage]:
    """A commune's information pages for its portal (all are public), without their text."""
    return InfoPage.objects.filter(commune=commune).only("pk", "commune_id", "kind", "title")


def feedback_public(commune) -> QuerySet[FeedbackReport]:
    """The public board: a commune's reports (merged ones hidden), never who sent them."""
    return (
        FeedbackReport.objects.filter(commune=commune)
        .exclude(status=FeedbackStatus.MERGED)
        .select_related("village")
        .prefetch_related("photos")
        .defer("reporter_name", "reporter_phone", "source_ip", "reporter")
    )


def feedback_by_code(tracking_code: str) -> FeedbackReport:
    """One report by its tracking code (public: the code is the reporter's key)."""
    try:
        return FeedbackReport.objects.select_related("commune", "village", "duplicate_of").get(
            tracking_code=tracking_code
        )
    except FeedbackReport.DoesNotExist:
        raise NotFound("report", field="into") from None


# Reports still waiting for the commune: not resolved, not merged into another.
FEEDBACK_PENDING = (FeedbackStatus.RECEIVED, FeedbackStatus.ASSIGNED, FeedbackStatus.ANSWERED)


class FeedbackState:
    PENDING = "pending"
    DUE_SOON = "due_soon"
    LATE = "late"
    ALL = (PENDING, DUE_SOON, LATE)


def _feedback_state(state: str, today) -> Q | None:
    """The condition of a queue filter: pending, due soon (today or the next working day) or late."""
    if state not in FeedbackState.ALL:
        return None
    pending = Q(status__in=FEEDBACK_PENDING)
    if state == FeedbackState.LATE:
        return pending & Q(due_on__lt=today)
    if state == FeedbackState.DUE_SOON:
        soon = WorkingCalendar.load().next_working_day(today)
        return pending & Q(due_on__gte=today, due_on__lte=soon)
    return pending


def feedback_for(
    actor, *, commune=None, state: str = "", village_id=None, today=None
) -> QuerySet[FeedbackReport]:
    """Reports the actor handles (their commune's), oldest due first; optionally only the
    pending, due soon or late ones (`FeedbackState`), or one village's."""
    rows = FeedbackReport.objects.for_actor(actor, HANDLE_FEEDBACK, as_citizen=False).select_related(
        "village"
    )
    rows = rows.filter(commune=commune) if commune is not None else rows
    condition = _feedback_state(state, today or timezone.localdate())
    if condition is not None:
        rows = rows.filter(condition)
    if village_id:
        rows = rows.filter(village_id=village_id)
    return rows.order_by("due_on", "created_at")


def feedback_one_for(actor, report_id) -> FeedbackReport:
    try:
        return feedback_for(actor).select_related("commune").get(pk=report_id)
    except (FeedbackReport.DoesNotExist, ValueError):
        raise NotFound("report") from None


def feedback_timeline(report: FeedbackReport) -> QuerySet[FeedbackEvent]:
    """A report's timeline, oldest first, for the staff who handle it (it names the officers:
    never on a public page). The caller has already reached `report` through feedback_one_for."""
    return report.events.all()


def public_points_for(actor, *, commune=None) -> QuerySet[PublicPoint]:
    """Wifi and digital-support points the actor manages (with the information pages)."""
    rows = PublicPoint.objects.for_actor(actor, MANAGE_INFO_PAGES).select_related("village")
    return rows.filter(commune=commune) if commune is not None else rows


def public_point_for(actor, point_id) -> PublicPoint:
    """One point the actor manages, else NotFound."""
    try:
        return public_points_for(actor).select_related("commune").get(pk=point_id)
    except (PublicPoint.DoesNotExist, ValueError):
        raise NotFound("point") from None


def public_points_public(commune) -> QuerySet[PublicPoint]:
    """A commune's wifi and digital-support points, for its portal (all are public)."""
    return PublicPoint.objects.filter(commune=commune).select_related("village")


def point_map_public(commune) -> PointMap | None:
    """The picture the commune's points are placed on, if it uploaded one."""
    return PointMap.objects.filter(commune=commune).first()


# --- figures for the DX indicators (xaso.dx.calculators): aggregates, no personal data -------


def households_reached_by_commune(commune_codes: list[str], *, start, end) -> dict[str, dict]:
    """{commune code: {"households", "reached"}}: the households on the list now, and those an
    announcement published in [start, end] (local dates) reached (confirmed by the link or told
    in person), as `coverage.coverage_for_commune` counts them, for many communes in two grouped
    queries. A commune without a household list is absent."""
    since, until = day_bounds(start, end)
    households = dict(
        Household.objects.filter(commune_id__in=commune_codes)
        .values_list("commune_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reached = dict(
        Delivery.objects.filter(
            household__commune_id__in=commune_codes,
            reached_at__isnull=False,
            announcement__publish_at__gte=since,
            announcement__publish_at__lt=until,
        )
        .values_list("household__commune_id")
        .annotate(n=Count("household_id", distinct=True))
        .order_by()
    )
    return {code: {"households": n, "reached": reached.get(code, 0)} for code, n in households.items()}


def radio_villages_by_commune(commune_codes: list[str], *, end) -> dict[str, dict]:
    """{commune code: {"clusters", "villages"}}: loudspeaker clusters set up by `end` (a local
    date), and the distinct villages they are placed in (a commune-wide cluster with no village
    covers none in particular). A commune without any cluster is absent."""
    until = day_bounds(end)[1]
    rows = (
        SpeakerCluster.objects.filter(commune_id__in=commune_codes, created_at__lt=until)
        .values("commune_id")
        .annotate(clusters=Count("pk"), villages=Count("village_id", distinct=True))
        .order_by()
    )
    return {row.pop("commune_id"): row for row in rows}


def feedback_on_time_by_commune(commune_codes: list[str], *, start, end, today=None) -> dict[str, dict]:
    """{commune code: {"due", "on_time"}} over the reports due in [start, end] whose outcome is
    known: resolved, or still open after their due date (late). On time: resolved on or before
    the due date (local date). Merged reports are left out (the report they joined counts);
    reports not yet due are not judged. A commune with none is absent."""
    today = today or timezone.localdate()
    resolved = Q(status=FeedbackStatus.RESOLVED, resolved_at__isnull=False)
    rows = (
        FeedbackReport.objects.filter(commune_id__in=commune_codes, due_on__gte=start, due_on__lte=end)
        .exclude(status=FeedbackStatus.MERGED)
        .filter(resolved | Q(due_on__lt=today))
        .values("commune_id")
        .annotate(
            due=Count("pk"), on_time=Count("pk", filter=resolved & Q(resolved_at__date__lte=F("due_on")))
        )
        .order_by()
    )
    return {row.pop("commune_id"): row for row in rows}


# --- the dashboard's figures (xaso.community.cards) ------------------------------------------
def feedback_figures(actor, *, villages=frozenset(), today=None) -> dict[str, int]:
    """Counts of the pending reports the actor handles, in one query: all, due soon, late (as
    `feedback_for` filters them) and, when `villages` is given, those of these villages."""
    today = today or timezone.localdate()
    soon = WorkingCalendar.load().next_working_day(today)
    rows = FeedbackReport.objects.for_actor(actor, HANDLE_FEEDBACK, as_citizen=False).filter(
        status__in=FEEDBACK_PENDING
    )
    counts = {
        "pending": Count("pk"),
        "due_soon": Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
        "late": Count("pk", filter=Q(due_on__lt=today)),
    }
    if villages:
        counts["village"] = Count("pk", filter=Q(village_id__in=sorted(villages)))
    return rows.order_by().aggregate(**counts)


def household_figures(actor) -> dict[str, int]:
    """How many households the actor sees (a village head: their village's) and how many of
    them have no contact channel, in one query."""
    rows = Household.objects.for_actor(actor, VIEW_HOUSEHOLDS).order_by()
    return rows.aggregate(total=Count("pk"), no_contact=Count("pk", filter=NO_CONTACT))


def latest_announcement_unreached(actor, *, villages=frozenset()) -> tuple[Announcement | None, int]:
    """The latest announcement sent to households in the actor's communes and how many of its
    households (in `villages` when given) it has not reached yet."""
    latest = (
        Announcement.objects.for_actor(actor, VIEW_HOUSEHOLDS)
        .filter(publish_at__lte=timezone.now(), fanned_out_at__isnull=False)
        .order_by("-publish_at", "-id")
        .only("pk", "title", "commune_id")
        .first()
    )
    if latest is None:
        return None, 0
    unreached = Delivery.objects.filter(announcement=latest, reached_at__isnull=True)
    if villages:
        unreached = unreached.filter(village_id__in=sorted(villages))
    return latest, unreached.count()


def public_points_by_commune(commune_codes: list[str], *, end=None) -> dict[str, dict]:
    """{commune code: {"points", "wifi", "support"}}: the commune's public points listed on xaso
    (by `end`, a local date, when given), and how many are free wifi and digital-support points.
    A commune without any point is absent."""
    rows = PublicPoint.objects.filter(commune_id__in=commune_codes)
    if end is not None:
        rows = rows.filter(created_at__lt=day_bounds(end)[1])
    rows = (
        rows.values("commune_id")
        .annotate(
            points=Count("pk"),
            wifi=Count("pk", filter=Q(kind=PointKind.WIFI)),
            support=Count("pk", filter=Q(kind=PointKind.DIGITAL_SUPPORT)),
        )
        .order_by()
    )
    return {row.pop("commune_id"): row for row in rows}

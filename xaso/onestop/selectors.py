"""Reads of the one-stop shop, scoped to the actor (xaso.core.tenancy)."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, Count, F, Q, QuerySet
from django.db.models.functions import Cast

from xaso.accounts.models import User
from xaso.core.calendar import WorkingCalendar, day_bounds, local_today
from xaso.core.errors import NotFound
from xaso.core.idempotency import idempotent_answer
from xaso.core.permissions import holds
from xaso.core.privacy import mask_answers, mask_phone
from xaso.core.tenancy import scope_condition
from xaso.core.text import fold
from xaso.documents.signing.selectors import signed_subject_ids
from xaso.onestop.models import (
    CLOCK_RUNNING,
    SETTLED,
    TERMINAL,
    Channel,
    Dossier,
    DossierEvent,
    DossierFile,
    DossierView,
    Procedure,
    ProcedureSwitch,
    Status,
)
from xaso.places.models import Commune

VIEW = "onestop.view_dossiers"


# --- catalogue -----------------------------------------------------------------------------
def procedures_search(*, q: str = "", commune: Commune | None = None) -> QuerySet[Procedure]:
    """Active procedures whose name or code matches `q` ignoring diacritics; a commune's
    switched-off ones left out when a commune is named."""
    procedures = Procedure.objects.filter(is_active=True)
    for word in fold(q).split():
        procedures = procedures.filter(search_text__contains=word)
    if commune is not None:
        off = ProcedureSwitch.objects.filter(commune=commune, enabled=False).values("procedure_id")
        procedures = procedures.exclude(pk__in=off)
    return procedures.order_by("field", "name")


def procedure_get(code: str, *, commune: Commune | None = None) -> Procedure:
    """One offered procedure by its code (or national code), else NotFound."""
    found = procedures_search(commune=commune).filter(Q(code=code) | Q(national_code=code)).first()
    if found is None:
        raise NotFound("procedure", field="procedure")
    return found


def procedure_switches(commune: Commune) -> dict[int, bool]:
    return dict(ProcedureSwitch.objects.filter(commune=commune).values_list("procedure_id", "enabled"))


# --- dossiers ------------------------------------------------------------------------------
def dossiers_for(actor, *, perm: str = VIEW) -> QuerySet[Dossier]:
    """Dossiers the actor may see: their communes' (staff), their province's (supervisors) or
    their own (citizens). Drafts are only ever their author's."""
    dossiers = Dossier.objects.for_actor(actor, perm)
    return dossiers.exclude(Q(status=Status.DRAFT) & ~Q(citizen_id=getattr(actor, "pk", None)))


def dossier_for(actor, code: str) -> Dossier:
    """One dossier by code that the actor may see, else NotFound (the same answer either way)."""
    found = (
        dossiers_for(actor)
        .select_related("procedure", "commune", "assignee", "village", "group", "citizen")
        .filter(code=code)
        .first()
    )
    if found is None:
        raise NotFound("dossier", field="code")
    return found


# Who needs a dossier's personal numbers in full: its citizen, and the commune's staff who
# process it (one-stop officer, specialist, leader). Everyone else who may read it (a province
# supervisor, a clerk) sees phones and personal ID numbers masked.
PROCESS = "onestop.process_dossiers"


def sees_full_numbers(actor, dossier: Dossier) -> bool:
    if dossier.citizen_id is not None and dossier.citizen_id == getattr(actor, "pk", None):
        return True
    return holds(actor, PROCESS, commune=dossier.commune)


def dossier_answers_for(actor, dossier: Dossier) -> dict:
    """The dossier's answers as this actor may read them (`sees_full_numbers`, else masked)."""
    if sees_full_numbers(actor, dossier):
        return dict(dossier.data)
    return mask_answers(dossier.procedure.form, dossier.data)


def applicant_phone_for(actor, dossier: Dossier) -> str:
    phone = dossier.applicant_phone or ""
    return phone if sees_full_numbers(actor, dossier) else mask_phone(phone)


def sees_internal_notes(actor, dossier: Dossier) -> bool:
    """Staff who may read the dossier see the officers' internal notes; its citizen does not
    (unless they also process the commune's dossiers)."""
    if dossier.citizen_id is not None and dossier.citizen_id == getattr(actor, "pk", None):
        return holds(actor, PROCESS, commune=dossier.commune)
    return True


def timeline_for(actor, dossier: Dossier) -> list[DossierEvent]:
    """The dossier's timeline as `actor` may read it (the caller has checked they may see the
    dossier): internal notes blanked for its citizen."""
    events = list(dossier.events.all())
    if not sees_internal_notes(actor, dossier):
        for event in events:
            if event.internal:
                event.note = ""
    return events


def supplement_brought(dossier: Dossier, cleaned: dict | None) -> bool:
    """Whether a resubmission brings what the supplement request asked for: a paper attached
    since the request (at the counter or online), or answers that differ from the dossier's."""
    if cleaned is not None and cleaned != dossier.data:
        return True
    asked = (
        dossier.events.filter(to_status=Status.SUPPLEMENT_REQUESTED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return asked is None or dossier.files.filter(created_at__gte=asked).exists()


def draft_for(actor, dossier_id: int) -> Dossier:
    found = Dossier.objects.filter(pk=dossier_id, citizen_id=actor.pk, status=Status.DRAFT).first()
    if found is None:
        raise NotFound("draft")
    return found


# The idempotency scope of online filing (the API's header and the web form's token share it).
SUBMIT_SCOPE = "onestop.dossier_submit"


# Who may see who looked at a dossier: those who may read the commune's audit log.
VIEW_AUDIT = "core.view_audit"


def dossier_views_for(actor, dossier: Dossier) -> list[DossierView] | None:
    """Who opened this dossier and when, newest first; None when the actor may not know
    (commune leaders and province supervisors may)."""
    if not holds(actor, VIEW_AUDIT, commune=dossier.commune):
        return None
    return list(dossier.views.select_related("viewer").order_by("-at")[:200])


def filed_under_key(actor, key: str) -> dict | None:
    """The receipt of the filing this actor made under an idempotency key, if any."""
    return idempotent_answer(actor=actor, scope=SUBMIT_SCOPE, key=key)


def my_dossiers(actor) -> QuerySet[Dossier]:
    """The citizen's own dossiers, newest first, drafts included."""
    return Dossier.objects.filter(citizen_id=actor.pk).select_related("procedure").order_by("-created_at")


def last_answers(actor, names: list[str]) -> dict:
    """Declare once: the citizen's latest answers to these field names in earlier dossiers."""
    found: dict = {}
    for data in (
        Dossier.objects.filter(citizen_id=actor.pk)
        .order_by("-created_at")
        .values_list("data", flat=True)[:20]
    ):
        for name in names:
            if name not in found and data.get(name) not in (None, ""):
                found[name] = data[name]
    return found


def wallet_for(actor, *, dossier: Dossier) -> list:
    """Declare once: the papers the citizen gave in earlier dossiers, newest first, one per
    content (SHA-256), leaving out what this dossier already holds."""
    held = set(dossier.files.values_list("sha256", flat=True))
    seen, papers = set(held), []
    for paper in (
        DossierFile.objects.filter(dossier__citizen_id=actor.pk)
        .exclude(dossier=dossier)
        .order_by("-created_at")[:200]
    ):
        if paper.sha256 not in seen:
            seen.add(paper.sha256)
            papers.append(paper)
    return papers


# --- due state -----------------------------------------------------------------------------
class DueState:
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    LATE = "late"
    PAUSED = "paused"
    NONE = ""


def due_state(dossier: Dossier, *, today: date | None = None, calendar: WorkingCalendar | None = None) -> str:
    """On time, due soon (today or the next working day), late, or paused for a supplement."""
    if dossier.due_date is None or dossier.status in (Status.WITHDRAWN, Status.CANCELLED, Status.DRAFT):
        return DueState.NONE
    if dossier.status == Status.SUPPLEMENT_REQUESTED:
        return DueState.PAUSED
    if dossier.status in SETTLED:
        finished = local_today(dossier.finished_at) if dossier.finished_at else None
        return DueState.LATE if finished and finished > dossier.due_date else DueState.ON_TIME
    today = today or local_today()
    if today > dossier.due_date:
        return DueState.LATE
    calendar = calendar or WorkingCalendar()
    if dossier.due_date <= calendar.next_working_day(today):
        return DueState.DUE_SOON
    return DueState.ON_TIME


# --- the officer queue ---------------------------------------------------------------------
TABS = {
    "new": [Status.SUBMITTED, Status.RECEIVED],
    "processing": [Status.ASSIGNED, Status.PROCESSING, Status.RESUBMITTED],
    "supplement": [Status.SUPPLEMENT_REQUESTED],
    "approval": [Status.AWAITING_APPROVAL],
    "result": [Status.APPROVED, Status.RESULT_READY],
    "done": list(TERMINAL),
}
# Every tab at once (a "late" figure on the dashboard spans new, processing and approval).
ALL_TABS = "all"


@dataclass
class QueueFilters:
    tab: str = "new"
    status: str = ""
    procedure: str = ""
    due: str = ""
    assignee: int | None = None
    village: int | None = None
    q: str = ""


def queue_for(actor, filters: QueueFilters, *, today: date | None = None) -> QuerySet[Dossier]:
    """The officer's work queue: the tab's statuses, then each filter, oldest due first."""
    today = today or local_today()
    # The communes' work only: an officer's own dossiers as a citizen are not queue work (and
    # leaving that OR out lets the (commune, status, due date) index serve the whole query).
    dossiers = Dossier.objects.for_actor(actor, VIEW, as_citizen=False).exclude(status=Status.DRAFT)
    if filters.tab in TABS:
        dossiers = dossiers.filter(status__in=TABS[filters.tab])
    if filters.status:
        dossiers = dossiers.filter(status=filters.status)
    if filters.procedure:
        dossiers = dossiers.filter(procedure__code=filters.procedure)
    if filters.assignee:
        dossiers = dossiers.filter(assignee_id=filters.assignee)
    if filters.village:
        dossiers = dossiers.filter(village_id=filters.village)
    if filters.due == DueState.LATE:
        dossiers = dossiers.filter(status__in=CLOCK_RUNNING, due_date__lt=today)
    elif filters.due == DueState.DUE_SOON:
        soon = WorkingCalendar.load().next_working_day(today)
        dossiers = dossiers.filter(status__in=CLOCK_RUNNING, due_date__gte=today, due_date__lte=soon)
    q = fold(filters.q)
    if q:
        dossiers = dossiers.filter(Q(search_text__contains=q) | _numbers_match(actor, filters.q))
    return dossiers.select_related("procedure", "assignee", "village").order_by("due_date", "pk")


# A personal ID number has 12 digits, a phone 10.
LONGEST_NUMBER = 12
# What a typed number may be written with besides its digits: "0912 345 678", "+84 912.345.678".
_NUMBER_TYPED = re.compile(r"^[\d\s.+()-]*\d[\d\s.+()-]*$")


def _numbers_match(actor, typed: str) -> Q:
    """A match on the dossiers' personal numbers, only in the communes where the actor sees them
    in full (`sees_full_numbers`: staff who process dossiers there). A province supervisor or a
    clerk, who sees them masked, must not learn who filed by typing a number: no match."""
    if not _NUMBER_TYPED.match(typed.strip()):
        return Q(pk__in=[])
    digits = re.sub(r"\D", "", typed)
    if len(digits) == 11 and digits.startswith("84"):
        digits = "0" + digits[2:]
    if len(digits) > LONGEST_NUMBER:  # a dossier code typed whole: no number is that long
        return Q(pk__in=[])
    numbers = Q(search_numbers__contains=digits)
    full = scope_condition(Dossier, actor, PROCESS, as_citizen=False)
    return numbers if full is None else numbers & full


class KeysFirst:
    """A queue listing for Django's Paginator that reads a page in two steps: the page's
    primary keys from the index alone (sorted and offset there), then those 25 rows with their
    related rows. Sorting and skipping thousands of full joined rows is what made deep pages
    of a 20,000-dossier commune slow."""

    def __init__(self, queryset: QuerySet[Dossier]):
        self.queryset = queryset
        self.ordered = queryset.ordered

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        keys = list(self.queryset.values_list("pk", flat=True)[index])
        found = self.queryset.order_by().in_bulk(keys)
        return [found[key] for key in keys]


def queue_counts(actor, filters: QueueFilters) -> dict[str, int]:
    """How many dossiers each tab holds under the same filters (one query)."""
    base = queue_for(actor, QueueFilters(**{**filters.__dict__, "tab": ""})).order_by()
    aggregates = {tab: Count("pk", filter=Q(status__in=statuses)) for tab, statuses in TABS.items()}
    return base.aggregate(**aggregates)


def queue_figures(actor, *, today: date | None = None) -> dict[str, int]:
    """The dashboard's counts of the actor's queue, in one grouped query: each tab, the
    dossiers assigned to the actor still in processing, due soon and late (as `queue_for`
    filters them, so a figure's link lists exactly what it counts)."""
    today = today or local_today()
    soon = WorkingCalendar.load().next_working_day(today)
    base = queue_for(actor, QueueFilters(tab=""), today=today).order_by()
    running = Q(status__in=CLOCK_RUNNING)
    return base.aggregate(
        **{
            tab: Count("pk", filter=Q(status__in=statuses)) for tab, statuses in TABS.items() if tab != "done"
        },
        mine=Count("pk", filter=Q(status__in=TABS["processing"], assignee_id=actor.pk)),
        due_soon=Count("pk", filter=running & Q(due_date__gte=today, due_date__lte=soon)),
        late=Count("pk", filter=running & Q(due_date__lt=today)),
    )


def assignable_officers(commune: Commune) -> QuerySet[User]:
    """People who can process the commune's dossiers, to assign one to."""
    return (
        User.objects.filter(
            memberships__commune=commune,
            memberships__is_active=True,
            memberships__role__in=["specialist", "one_stop_officer", "commune_leader"],
        )
        .distinct()
        .order_by("full_name")
    )


# --- figures for the DX indicators (xaso.dx.calculators) -------------------------------------
SIGNED_RESULT_SUBJECT = "onestop.dossier"


def dossier_figures_by_commune(commune_codes: list[str], *, start: date, end: date) -> dict[str, dict]:
    """{commune code: counts} of the dossiers of [start, end] (local dates), two grouped queries
    for any number of communes; a commune without dossiers in the period is absent. Aggregates
    only (no personal data), so no actor. Counts:
    - received: filed (online or at the counter) with `received_at` in the period; online: of
      those, filed online;
    - settled: result ready, delivered or rejected with `finished_at` in the period; on_time: of
      those, finished on or before the due date (local date, as `due_state` judges);
    - results: settled with a result (result ready or delivered); results_signed: of those, the
      ones a signed document of documents is linked to (subject "onestop.dossier", the dossier's
      id), i.e. the result was signed digitally through xaso."""
    since, until = day_bounds(start, end)
    received = (
        Dossier.objects.filter(commune_id__in=commune_codes, received_at__gte=since, received_at__lt=until)
        .exclude(status=Status.DRAFT)
        .values("commune_id")
        .annotate(received=Count("pk"), online=Count("pk", filter=Q(channel=Channel.ONLINE)))
        .order_by()
    )
    with_result = Q(status__in=[Status.RESULT_READY, Status.DELIVERED])
    signed = signed_subject_ids(SIGNED_RESULT_SUBJECT)
    settled = (
        Dossier.objects.filter(
            commune_id__in=commune_codes,
            status__in=SETTLED,
            finished_at__gte=since,
            finished_at__lt=until,
        )
        .annotate(pk_text=Cast("pk", CharField()))
        .values("commune_id")
        .annotate(
            settled=Count("pk"),
            on_time=Count("pk", filter=Q(finished_at__date__lte=F("due_date"))),
            results=Count("pk", filter=with_result),
            results_signed=Count("pk", filter=with_result & Q(pk_text__in=signed)),
        )
        .order_by()
    )
    figures: dict[str, dict] = {}
    empty = {"received": 0, "online": 0, "settled": 0, "on_time": 0, "results": 0, "results_signed": 0}
    for row in [*received, *settled]:
        code = row.pop("commune_id")
        figures.setdefault(code, dict(empty)).update(row)
    return figures

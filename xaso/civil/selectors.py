"""Reads of the civil-status register, scoped to the actor (xaso.core.tenancy): a commune's
staff read their commune's register, a province supervisor their province's."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connections
from django.db.models import Count, DateField, ExpressionWrapper, F, Q, QuerySet
from django.utils.translation import gettext as _

from xaso.civil import fulltext
from xaso.civil.models import EntryAmendment, EntryKind, RegisterEntry
from xaso.civil.permissions import VIEW
from xaso.core.calendar import local_today
from xaso.core.errors import NotFound
from xaso.core.tenancy import scope_of
from xaso.places.models import Commune

# Law on Civil Status 2014, art. 15: parents register a birth within 60 days of it.
BIRTH_DEADLINE_DAYS = 60


def entries_search(
    actor,
    *,
    q: str = "",
    kind: str = "",
    year: int | None = None,
    birth_date: date | None = None,
    birth_year: int | None = None,
    parent: str = "",
    number: int | None = None,
) -> QuerySet[RegisterEntry]:
    """Entries of the registers the actor reads, newest first. `q` matches every word of the
    main or the other person's name ignoring case and diacritics ("nguyen van an" finds
    "Nguyễn Văn An"): each word a whole word, the last one a word's start ("nguyen van a" finds
    it too); `parent` the father's or mother's name likewise; `year` the year of the book;
    `number` the entry's number in its book. Names are looked up in the full-text index
    (xaso/civil/fulltext.py)."""
    entries = RegisterEntry.objects.for_actor(actor, VIEW).select_related("book", "commune", "village")
    if q.strip() or parent.strip():
        entries = fulltext.matching(
            entries,
            q=q,
            parent=parent,
            birth_year=birth_year or (birth_date.year if birth_date else None),
            communes=_communes_reached(actor),
            connection=connections[entries.db],
        )
    if kind:
        entries = entries.filter(kind=kind)
    if year:
        entries = entries.filter(book__year=year)
    if birth_date:
        entries = entries.filter(birth_date=birth_date)
    if birth_year:
        entries = entries.filter(
            birth_date__gte=date(birth_year, 1, 1), birth_date__lte=date(birth_year, 12, 31)
        )
    if number:
        entries = entries.filter(number=number)
    return entries.order_by("-registered_on", "-pk")


def _communes_reached(actor) -> frozenset[str] | None:
    """The codes of the communes `for_actor(actor, VIEW)` reaches (a province's are listed);
    None when it reaches every commune or more than the full-text index is narrowed by (a
    province)."""
    scope = scope_of(actor, VIEW)
    if scope.everything:
        return None
    codes = set(scope.commune_codes)
    if scope.province_codes:
        in_provinces = Commune.objects.filter(province_id__in=scope.province_codes).values_list(
            "code", flat=True
        )
        codes.update(in_provinces[: fulltext.MAX_COMMUNES + 1])
    return frozenset(codes) if len(codes) <= fulltext.MAX_COMMUNES else None


def entry_for(actor, entry_id: int) -> RegisterEntry:
    """One entry the actor reads, else NotFound (the same for another commune's)."""
    entry = (
        RegisterEntry.objects.for_actor(actor, VIEW)
        .select_related("book", "commune", "village", "dossier", "registered_by")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise NotFound(_("No such entry in the register."), field="entry_id")
    return entry


def amendments_of(entry: RegisterEntry) -> QuerySet[EntryAmendment]:
    """The entry's history, oldest first (the entry as first registered, then each change)."""
    return entry.amendments.order_by("at", "pk")


def entry_for_dossier(dossier) -> RegisterEntry | None:
    """The entry a dossier recorded, if any (the dossier's own reader is checked by its caller)."""
    return RegisterEntry.objects.filter(dossier=dossier).select_related("book").first()


@dataclass
class CompletenessRow:
    label: str
    births: int = 0
    on_time: int = 0
    months: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def late(self) -> int:
        return self.births - self.on_time

    @property
    def month_cells(self) -> list[str]:
        """Per month 1–12: "on time/births", "" for a month without births."""
        return [f"{self.months[m][1]}/{self.months[m][0]}" if m in self.months else "" for m in range(1, 13)]

    @property
    def share(self) -> int | None:
        """The share registered on time, in whole per cent (None without births)."""
        return round(100 * self.on_time / self.births) if self.births else None


def completeness(actor, *, commune, year: int) -> list[CompletenessRow]:
    """Births registered in `year` in the commune, by village (the dossier's, else "no
    village") and month of registration: how many, and how many within the legal 60 days
    of the birth. The last row is the commune's total."""
    rows = (
        RegisterEntry.objects.for_actor(actor, VIEW)
        .filter(commune=commune, kind=EntryKind.BIRTH, registered_on__year=year, birth_date__isnull=False)
        .values_list("village__name", "registered_on", "birth_date")
    )
    table: dict[str, CompletenessRow] = {}
    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    total = CompletenessRow(_("Whole commune"))
    for village, registered_on, born in rows:
        label = village or _("No village given")
        row = table.setdefault(label, CompletenessRow(label))
        on_time = (registered_on - born) <= timedelta(days=BIRTH_DEADLINE_DAYS)
        for target in (row, total):
            target.births += 1
            target.on_time += on_time
        for key in ((label, registered_on.month), ("", registered_on.month)):
            counts[key][0] += 1
            counts[key][1] += on_time
    ordered = [table[k] for k in sorted(table)] + [total]
    for row in ordered:
        key = "" if row is total else row.label
        row.months = {m: tuple(counts[(key, m)]) for m in range(1, 13) if (key, m) in counts}
    return ordered


def register_figures(actor) -> dict[str, int]:
    """The dashboard's counts: entries registered this month, births registered late this year."""
    today = local_today()
    rows = RegisterEntry.objects.for_actor(actor, VIEW).filter(registered_on__year=today.year).order_by()
    deadline = ExpressionWrapper(
        F("birth_date") + timedelta(days=BIRTH_DEADLINE_DAYS), output_field=DateField()
    )
    late = Q(kind=EntryKind.BIRTH, birth_date__isnull=False, registered_on__gt=deadline)
    return rows.aggregate(
        this_month=Count("pk", filter=Q(registered_on__month=today.month)),
        late_births=Count("pk", filter=late),
    )

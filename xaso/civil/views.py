"""Staff pages of the civil-status register (/ho-tich/): search, an entry with its history,
the amendment form, the duplicate check of a dossier, the completeness of birth registration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.civil import selectors
from xaso.civil.forms import AmendForm, ConfirmForm, EntrySearchForm
from xaso.civil.hooks import dossier_alikes, dossiers_to_check
from xaso.civil.models import EntryKind, RegisterEntry, Sex
from xaso.civil.permissions import AMEND, NO_REGISTER, REGISTER, VIEW
from xaso.civil.services.confirmations import duplicate_confirm
from xaso.civil.services.entries import entry_amend
from xaso.core.bounds import MAX_YEAR, MIN_YEAR, parse_int
from xaso.core.calendar import local_today
from xaso.core.errors import NotAllowed
from xaso.core.formats import day
from xaso.core.forms import form_refusals, form_render
from xaso.core.permissions import holds, require
from xaso.onestop.selectors import dossier_for
from xaso.places.models import Commune

PAGE_SIZE = 25
DETAIL_LABELS = {
    "declarant_name": gettext_lazy("Declarant"),
    "declarant_relationship": gettext_lazy("Relationship to the person"),
    "declarant_address": gettext_lazy("Declarant's residence"),
    "ethnicity": gettext_lazy("Ethnicity"),
    "death_cause": gettext_lazy("Cause of death"),
    "previous_place": gettext_lazy("Where the birth was first registered"),
    "relation": gettext_lazy("Recognised as"),
    "guardianship_kind": gettext_lazy("Kind of guardianship"),
    "record_kind": gettext_lazy("Record to change"),
    "content": gettext_lazy("What changes"),
}


def _reader(request) -> None:
    if request.user.scope_for(VIEW).is_empty:
        raise NotAllowed(NO_REGISTER)


@login_required
def entries(request):
    _reader(request)
    form = EntrySearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    listing = selectors.entries_search(
        request.user,
        q=filters.get("q") or "",
        kind=filters.get("kind") or "",
        year=filters.get("year"),
        birth_date=filters.get("birth_date"),
        birth_year=filters.get("birth_year"),
        parent=filters.get("parent") or "",
        number=filters.get("number"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("q", None)
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request,
        "civil/entries.html",
        {
            "form": form,
            "q": filters.get("q", ""),
            "extra_query": (query.urlencode() + "&") if query else "",
            "page": Paginator(listing, PAGE_SIZE).get_page(request.GET.get("page")),
            "searched": bool(filters and any(filters.values())),
            "to_check": dossiers_to_check(request.user)
            if not request.user.scope_for(REGISTER).is_empty
            else [],
        },
        status=status,
    )


def _field_label(name: str) -> str:
    return str(RegisterEntry._meta.get_field(name).verbose_name).capitalize()


def _value_shown(field: str, value) -> str:
    """A stored value of an amendment as the page shows it: dates dd/mm/yyyy, choices by label."""
    if field == "sex" and value in Sex.values:
        return str(Sex(value).label)
    return day(value) if field.endswith("date") else str(value or "")


def _history(entry) -> list[dict]:
    """Each amendment with its changes by label: [(label, before, after)], values as shown."""
    return [
        {
            "amendment": a,
            "changes": [
                (_field_label(f), _value_shown(f, before), _value_shown(f, after))
                for f, (before, after) in a.changes.items()
            ],
        }
        for a in selectors.amendments_of(entry).select_related("actor")
    ]


def _details(entry) -> list[tuple[str, str]]:
    shown = []
    for key, value in (entry.details or {}).items():
        if key in DETAIL_LABELS and value not in ("", None):
            shown.append((DETAIL_LABELS[key], value))
    return shown


@login_required
def entry(request, entry_id: int):
    found = selectors.entry_for(request.user, entry_id)
    return render(
        request,
        "civil/entry.html",
        {
            "entry": found,
            "details": _details(found),
            "history": _history(found),
            "can_amend": holds(request.user, AMEND, commune=found.commune),
        },
    )


@login_required
def entry_amend_page(request, entry_id: int):
    found = selectors.entry_for(request.user, entry_id)
    require(request.user, AMEND, commune=found.commune)
    form = AmendForm(request.POST or None, entry=found)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            entry_amend(
                actor=request.user,
                entry=found,
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
                decision=form.cleaned_data["decision"],
            )
            messages.success(request, _("The entry was amended; its history keeps the earlier values."))
            return redirect("civil:entry", entry_id=found.pk)
    return form_render(request, "civil/amend.html", {"form": form, "entry": found})


@login_required
def duplicate_check(request, code: str):
    dossier = dossier_for(request.user, code)
    require(request.user, REGISTER, commune=dossier.commune)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            duplicate_confirm(actor=request.user, dossier=dossier, note=form.cleaned_data["note"])
            messages.success(request, _("Confirmed: the dossier can now be approved and registered."))
            return redirect("onestop:dossier", code=dossier.code)
    return form_render(
        request,
        "civil/duplicates.html",
        {"form": form, "dossier": dossier, "alikes": dossier_alikes(dossier)},
    )


@login_required
def completeness_page(request):
    _reader(request)
    communes = Commune.objects.for_actor(request.user, VIEW).order_by("code")
    code = request.GET.get("commune", "")
    commune = (communes.filter(code=code).first() if code else None) or communes.first()
    if commune is None:
        raise NotAllowed(NO_REGISTER)
    this_year = local_today().year
    year = parse_int(request.GET.get("year"), field="year", low=MIN_YEAR, high=MAX_YEAR, default=this_year)
    rows = selectors.completeness(request.user, commune=commune, year=year)
    return render(
        request,
        "civil/completeness.html",
        {
            "commune": commune,
            "communes": communes[:200] if communes.count() > 1 else [],
            "year": year,
            "years": range(this_year, this_year - 6, -1),
            "rows": rows,
            "months": range(1, 13),
            "kinds": EntryKind,
            "deadline_days": selectors.BIRTH_DEADLINE_DAYS,
        },
    )

"""The commune's officers: the queue of dossiers, counter intake (find or create the citizen's
profile, then file on their behalf with the scanned papers), and the procedures the commune
offers."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.accounts.selectors import citizen_profiles_for
from xaso.core.bounds import parse_id
from xaso.core.errors import NotFound
from xaso.core.forms import form_refusals, form_render
from xaso.onestop import selectors as sel
from xaso.onestop.forms import (
    PERSONAL_ID_TYPED_LENGTH,
    PersonalIdField,
    PhoneField,
    build_form,
    initial_from,
    json_ready,
)
from xaso.onestop.models import Status
from xaso.onestop.prefill import prefill_for
from xaso.onestop.services.catalogue import MANAGE_PROCEDURES, procedure_switch
from xaso.onestop.services.counter import RECEIVE, counter_profile_create, dossier_receive_at_counter
from xaso.onestop.views import PAGE_SIZE
from xaso.places.selectors import commune_of

OFFICERS_ONLY = gettext_lazy("This page is for the commune's officers.")


@login_required
def queue(request):
    commune = commune_of(request.user, sel.VIEW, message=OFFICERS_ONLY)
    g = request.GET
    filters = sel.QueueFilters(
        tab=_tab(g.get("tab", "new")),
        status=g.get("status", ""),
        procedure=g.get("procedure", ""),
        due=g.get("due", ""),
        assignee=parse_id(g.get("assignee")),
        village=parse_id(g.get("village")),
        q=g.get("q", "").strip(),
    )
    listing = sel.KeysFirst(sel.queue_for(request.user, filters))
    page = Paginator(listing, PAGE_SIZE).get_page(g.get("page"))
    for row in page:
        row.due = sel.due_state(row)
    keep = g.copy()
    keep.pop("page", None)
    keep.pop("q", None)
    tab_query = g.copy()
    tab_query.pop("page", None)
    tab_query.pop("tab", None)
    return render(
        request,
        "onestop/queue.html",
        {
            "commune": commune,
            "filters": filters,
            "q": filters.q,
            "tabs": _tabs(sel.queue_counts(request.user, filters)),
            "page": page,
            "extra_query": keep.urlencode() + "&" if keep else "",
            "tab_query": tab_query.urlencode(),
            "statuses": Status.choices,
            "procedures": sel.procedures_search(),
            "officers": sel.assignable_officers(commune),
            "villages": commune.villages.all(),
        },
    )


def _tab(raw: str) -> str:
    """A known tab, or every tab at once (`all`, where the dashboard's "late" lands)."""
    return raw if raw in sel.TABS or raw == sel.ALL_TABS else "new"


def _tabs(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """Each tab with its count, then every tab at once (where "late" and "due soon" land)."""
    tabs = [
        (key, label, count) for (key, label), count in zip(TAB_LABELS.items(), counts.values(), strict=True)
    ]
    return [*tabs, (sel.ALL_TABS, gettext_lazy("All"), sum(counts.values()))]


TAB_LABELS = {
    "new": gettext_lazy("New"),
    "processing": gettext_lazy("Processing"),
    "supplement": gettext_lazy("Awaiting supplement"),
    "approval": gettext_lazy("Awaiting approval"),
    "result": gettext_lazy("Results"),
    "done": gettext_lazy("Finished"),
}


class CitizenForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    phone = PhoneField(label=gettext_lazy("Phone number"), required=False)
    personal_id = PersonalIdField(
        label=gettext_lazy("Personal ID number (12 digits)"),
        max_length=PERSONAL_ID_TYPED_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)


@login_required
def intake(request):
    """Counter intake, step 1: find the citizen's profile, or create one."""
    commune = commune_of(request.user, RECEIVE, message=OFFICERS_ONLY)
    q = request.GET.get("q", "").strip()
    found = citizen_profiles_for(request.user, q=q)[:20] if q else []
    form = CitizenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            profile = counter_profile_create(actor=request.user, commune=commune, **form.cleaned_data)
            return redirect(reverse("onestop:intake_file") + f"?ho_so_cd={profile.pk}")
    return form_render(
        request, "onestop/intake.html", {"commune": commune, "q": q, "found": found, "form": form}
    )


@login_required
def intake_file(request):
    """Counter intake, step 2: the procedure, its form and the scanned papers."""
    commune = commune_of(request.user, RECEIVE, message=OFFICERS_ONLY)
    profile_id = parse_id(request.GET.get("ho_so_cd") or request.POST.get("profile"))
    profile = citizen_profiles_for(request.user).filter(pk=profile_id).first() if profile_id else None
    if profile is None:
        raise NotFound(_("Citizen not found."))
    code = request.GET.get("thu_tuc") or request.POST.get("procedure")
    procedure = sel.procedure_get(code, commune=commune) if code else None
    form = None
    if procedure is not None:
        initial = initial_from(prefill_for(profile.user, procedure, profile=profile), procedure.form)
        form = build_form(procedure.form, request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            files = [
                (request.POST.get(f"label_{i}", ""), upload)
                for i, upload in enumerate(request.FILES.getlist("files"))
            ]
            with form_refusals(form):
                created = dossier_receive_at_counter(
                    actor=request.user,
                    procedure=procedure,
                    commune=commune,
                    profile=profile,
                    data=json_ready(form.cleaned_data),
                    files=files,
                    papers_seen=request.POST.getlist("papers_seen"),
                )
                messages.success(
                    request,
                    _("Dossier %(code)s was received. Hand over the receipt.") % {"code": created.code},
                )
                return redirect("onestop:dossier", code=created.code)
    return form_render(
        request,
        "onestop/intake_file.html",
        {
            "commune": commune,
            "profile": profile,
            "procedure": procedure,
            "procedures": sel.procedures_search(commune=commune),
            "form": form,
            "papers_seen": request.POST.getlist("papers_seen"),
        },
    )


@login_required
def switches(request):
    commune = commune_of(request.user, MANAGE_PROCEDURES, message=OFFICERS_ONLY)
    if request.method == "POST":
        procedure = sel.procedure_get(request.POST.get("procedure", ""))
        procedure_switch(
            actor=request.user,
            commune=commune,
            procedure=procedure,
            enabled=request.POST.get("enabled") == "1",
        )
        messages.success(request, _("Saved."))
        return redirect("onestop:switches")
    states = sel.procedure_switches(commune)
    rows = [(p, states.get(p.pk, True)) for p in sel.procedures_search()]
    return render(request, "onestop/switches.html", {"commune": commune, "rows": rows})

"""Citizens find a procedure, read it and file it step by step: a draft kept between visits,
a review step with the papers, then the filing (once per click); and the list of their own
dossiers."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.accounts.models import CitizenProfile
from xaso.core.bounds import parse_id
from xaso.core.errors import USER_ERRORS, NotFound
from xaso.core.formats import answers_shown
from xaso.core.forms import attach_error, form_refusals, form_render
from xaso.core.public_cache import public_page
from xaso.onestop import selectors as sel
from xaso.onestop.fee_tiers import schedule_text
from xaso.onestop.fees import copies_fee, tiers_text
from xaso.onestop.forms import build_form, initial_from, json_ready
from xaso.onestop.models import ProcedureField
from xaso.onestop.prefill import prefill_for
from xaso.onestop.required_papers import is_declaration, papers_missing_online, papers_to_upload
from xaso.onestop.services.filing import dossier_draft_save, dossier_draft_update, dossier_submit_once
from xaso.onestop.services.papers import dossier_file_add, dossier_file_reuse
from xaso.onestop.views import PAGE_SIZE
from xaso.onestop.views.dossier import UploadForm
from xaso.places.models import Commune


@public_page("procedures", lambda request: f"commune:{request.GET.get('xa', '')}")
def procedures(request):
    q = request.GET.get("q", "").strip()
    commune = Commune.objects.filter(code=request.GET.get("xa", "")).first()
    listing = sel.procedures_search(q=q, commune=commune)
    field = request.GET.get("linh_vuc", "")
    if field:
        listing = listing.filter(field=field)
    return render(
        request,
        "onestop/procedures.html",
        {
            "q": q,
            "commune": commune,
            "field": field,
            "fields": ProcedureField.choices,
            "page": Paginator(listing, PAGE_SIZE).get_page(request.GET.get("page")),
            "extra_query": f"xa={commune.code}&" if commune else "",
        },
    )


@public_page("procedures")
def procedure_detail(request, code: str):
    procedure = sel.procedure_get(code)
    default = None
    if request.user.is_authenticated:
        profile = CitizenProfile.objects.filter(user=request.user).select_related("commune").first()
        default = profile.commune if profile else None
    return render(
        request,
        "onestop/procedure_detail.html",
        {
            "procedure": procedure,
            "default_commune": default,
            "fee_tiers": schedule_text(procedure.fee_schedule) if procedure.fee_schedule else "",
        },
    )


@login_required
@require_POST
def dossier_start(request, code: str):
    procedure = sel.procedure_get(code)
    commune = Commune.objects.filter(code=request.POST.get("commune", "").strip()).first()
    if commune is None:
        messages.error(request, _("Choose the commune that will handle your dossier."))
        return redirect("onestop:procedure", code=procedure.code)
    try:
        draft = dossier_draft_save(
            actor=request.user,
            procedure=procedure,
            commune=commune,
            data=prefill_for(request.user, procedure),
        )
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
        return redirect("onestop:procedure", code=procedure.code)
    return redirect("onestop:draft_step", draft_id=draft.pk, step=1)


def _steps(spec: list[dict]) -> list[list[dict]]:
    """Step 1: who files (the fields filled in from the profile); step 2: the rest."""
    about_applicant = [f for f in spec if f.get("prefill") or f["name"].startswith("applicant_")]
    rest = [f for f in spec if f not in about_applicant]
    return [s for s in (about_applicant, rest) if s]


@login_required
def draft_step(request, draft_id: int, step: int):
    once = request.POST.get("once", "")
    if once and request.POST.get("go") == "submit":
        # A second click on "Send" after the first one filed the draft: show what it filed.
        filed = sel.filed_under_key(request.user, once)
        if filed:
            return redirect("onestop:dossier", code=filed["code"])
    draft = sel.draft_for(request.user, draft_id)
    procedure = draft.procedure
    steps = _steps(procedure.form)
    last = len(steps) + 1
    if not 1 <= step <= last:
        raise Http404
    if step == last:
        return _draft_review(request, draft, steps)
    spec = steps[step - 1]
    form = build_form(spec, request.POST or None, initial=initial_from(draft.data, spec))
    if request.method == "POST" and form.is_valid():
        data = {**draft.data, **json_ready(form.cleaned_data)}
        with form_refusals(form):
            dossier_draft_update(actor=request.user, dossier=draft, data=data)
            if request.POST.get("go") == "back" and step > 1:
                return redirect("onestop:draft_step", draft_id=draft.pk, step=step - 1)
            if request.POST.get("go") == "save":
                messages.success(request, _("Your draft was saved. You can come back to it later."))
                return redirect("onestop:mine")
            return redirect("onestop:draft_step", draft_id=draft.pk, step=step + 1)
    return form_render(
        request,
        "onestop/draft_step.html",
        {"draft": draft, "procedure": procedure, "form": form, "step": step, "steps": last},
    )


def _draft_review(request, draft, steps):
    upload = UploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("go") == "reuse":
                dossier_file_reuse(
                    actor=request.user,
                    dossier=draft,
                    paper_id=parse_id(request.POST.get("paper")) or 0,
                    label=request.POST.get("for_paper", "")[:200],
                )
                messages.success(request, _("The paper was added."))
                return redirect("onestop:draft_step", draft_id=draft.pk, step=len(steps) + 1)
            if request.POST.get("go") == "upload":
                if upload.is_valid():
                    dossier_file_add(
                        actor=request.user,
                        dossier=draft,
                        upload=upload.cleaned_data["file"],
                        label=upload.cleaned_data["label"],
                    )
                    messages.success(request, _("The paper was added."))
                    return redirect("onestop:draft_step", draft_id=draft.pk, step=len(steps) + 1)
            else:
                filed = dossier_submit_once(
                    actor=request.user,
                    procedure=draft.procedure,
                    commune=draft.commune,
                    data=draft.data,
                    dossier=draft,
                    key=request.POST.get("once") or secrets.token_urlsafe(16),
                ).response
                messages.success(
                    request,
                    _("Your dossier %(code)s was filed. Keep its code to follow it.")
                    % {"code": filed["code"]},
                )
                return redirect("onestop:dossier", code=filed["code"])
        # A paper not in the wallet (NotFound) is shown on the page like the other refusals.
        except (*USER_ERRORS, NotFound) as exc:
            if exc.field in upload.fields:
                attach_error(upload, exc)
            else:
                error = str(exc.message)
    missing = papers_missing_online(draft)
    return render(
        request,
        "onestop/draft_review.html",
        {
            "draft": draft,
            "procedure": draft.procedure,
            "answers": answers_shown(draft.procedure.form, draft.data),
            "fee_copies": copies_fee(draft.procedure, draft.data),
            "fee_tiers": tiers_text(draft.procedure, draft.data),
            "files": draft.files.all(),
            "wallet": sel.wallet_for(request.user, dossier=draft),
            # Each required paper, and whether the draft holds it (required_papers.py).
            "required": [(p, p not in missing) for p in papers_to_upload(draft.procedure)],
            "declarations": [p for p in draft.procedure.papers if is_declaration(p)],
            "missing": missing,
            "upload": upload,
            "error": error,
            "step": len(steps) + 1,
            "steps": len(steps) + 1,
            # One token per rendering of the page: clicking "Send" twice files once.
            "once": secrets.token_urlsafe(16),
        },
        status=422 if (error or upload.errors) else 200,
    )


@login_required
def mine(request):
    return render(
        request,
        "onestop/mine.html",
        {"page": Paginator(sel.my_dossiers(request.user), PAGE_SIZE).get_page(request.GET.get("page"))},
    )

"""Pages of the one-stop shop: citizens find a procedure, file it step by step (a draft kept
between visits) and follow their dossiers; officers work a queue, act on a dossier and receive
dossiers at the counter; anyone looks a dossier up by its code."""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaso.accounts.models import CitizenProfile
from xaso.accounts.selectors import citizen_profiles_for
from xaso.core.bounds import parse_date, parse_id
from xaso.core.calendar import local_today, to_local
from xaso.core.errors import Conflict, DomainError, InvalidInput, NotAllowed, NotFound
from xaso.core.forms import attach_error
from xaso.core.pdf import render_pdf
from xaso.core.privacy import export_record
from xaso.core.qr import qr_png, qr_png_data_uri
from xaso.core.uploads import file_response
from xaso.onestop import lookup_page, services
from xaso.onestop import selectors as sel
from xaso.onestop.export import report_xlsx
from xaso.onestop.fee_tiers import schedule_text
from xaso.onestop.fees import copies_fee, fee_summary, tiers_text
from xaso.onestop.forms import build_form
from xaso.onestop.lookup import lookup_dossier
from xaso.onestop.models import DossierFile, ProcedureField, RatingLevel, Status
from xaso.onestop.prefill import prefill_for
from xaso.onestop.reports import VIEW_REPORTS, report_for
from xaso.onestop.results import dossier_result_sign, result_credentials_for, signed_result_of
from xaso.onestop.workflow import DOSSIER_FLOW, action_label
from xaso.payments.forms import CashPaymentForm
from xaso.payments.selectors import payment_requests_for
from xaso.payments.services import RECONCILE
from xaso.places.models import Commune

PAGE_SIZE = 25


def _staff_commune(request, perm: str) -> Commune:
    commune = Commune.objects.for_actor(request.user, perm).order_by("code").first()
    if commune is None or request.user.scope_for(perm).is_empty:
        raise NotAllowed(_("This page is for the commune's officers."))
    return commune


# --- citizens: find and read a procedure ---------------------------------------------------
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
        draft = services.dossier_draft_save(
            actor=request.user,
            procedure=procedure,
            commune=commune,
            data=prefill_for(request.user, procedure),
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("onestop:procedure", code=procedure.code)
    return redirect("onestop:draft_step", draft_id=draft.pk, step=1)


def _steps(spec: list[dict]) -> list[list[dict]]:
    """Step 1: who files (the fields filled in from the profile); step 2: the rest."""
    about_applicant = [f for f in spec if f.get("prefill") or f["name"].startswith("applicant_")]
    rest = [f for f in spec if f not in about_applicant]
    return [s for s in (about_applicant, rest) if s]


class UploadForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Which paper"), max_length=200, required=False)
    file = forms.FileField(label=gettext_lazy("File (PDF, JPEG or PNG, up to 10 MB)"))


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
    form = build_form(spec, request.POST or None, initial=_initial(draft.data, spec))
    if request.method == "POST" and form.is_valid():
        data = {**draft.data, **_json(form.cleaned_data)}
        try:
            services.dossier_draft_update(actor=request.user, dossier=draft, data=data)
        except DomainError as exc:
            attach_error(form, exc)
        else:
            if request.POST.get("go") == "back" and step > 1:
                return redirect("onestop:draft_step", draft_id=draft.pk, step=step - 1)
            if request.POST.get("go") == "save":
                messages.success(request, _("Your draft was saved. You can come back to it later."))
                return redirect("onestop:mine")
            return redirect("onestop:draft_step", draft_id=draft.pk, step=step + 1)
    return render(
        request,
        "onestop/draft_step.html",
        {"draft": draft, "procedure": procedure, "form": form, "step": step, "steps": last},
        status=422 if form.errors else 200,
    )


def _initial(data: dict, spec: list[dict]) -> dict:
    initial = {}
    for item in spec:
        value = data.get(item["name"])
        if value and item["type"] == "date":
            y, m, d = str(value).split("-")
            value = f"{d}/{m}/{y}"
        initial[item["name"]] = value
    return initial


def _json(cleaned: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in cleaned.items() if v is not None}


def _draft_review(request, draft, steps):
    upload = UploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("go") == "reuse":
                services.dossier_file_reuse(
                    actor=request.user, dossier=draft, paper_id=_int(request.POST.get("paper")) or 0
                )
                messages.success(request, _("The paper was added."))
                return redirect("onestop:draft_step", draft_id=draft.pk, step=len(steps) + 1)
            if request.POST.get("go") == "upload":
                if upload.is_valid():
                    services.dossier_file_add(
                        actor=request.user,
                        dossier=draft,
                        upload=upload.cleaned_data["file"],
                        label=upload.cleaned_data["label"],
                    )
                    messages.success(request, _("The paper was added."))
                    return redirect("onestop:draft_step", draft_id=draft.pk, step=len(steps) + 1)
            else:
                filed = services.dossier_submit_once(
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
        except DomainError as exc:
            if exc.field in upload.fields:
                attach_error(upload, exc)
            else:
                error = str(exc.message)
    labels = {f["name"]: f["label"] for f in draft.procedure.form}
    return render(
        request,
        "onestop/draft_review.html",
        {
            "draft": draft,
            "procedure": draft.procedure,
            "answers": [(labels.get(k, k), v) for k, v in draft.data.items()],
            "fee_copies": copies_fee(draft.procedure, draft.data),
            "fee_tiers": tiers_text(draft.procedure, draft.data),
            "files": draft.files.all(),
            "wallet": sel.wallet_for(request.user, dossier=draft),
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


# --- one dossier: citizens and officers ----------------------------------------------------
@login_required
def dossier(request, code: str):
    found = sel.dossier_for(request.user, code)
    services.dossier_view_record(actor=request.user, dossier=found)
    allowed = [(a, action_label(found.status, a)) for a in DOSSIER_FLOW.allowed_actions(found, request.user)]
    commune = found.commune
    signed = signed_result_of(found)
    return render(
        request,
        "onestop/dossier.html",
        {
            "dossier": found,
            "views": sel.dossier_views_for(request.user, found),
            "due_state": sel.due_state(found),
            "events": found.events.all(),
            "files": found.files.all(),
            "can_open_papers": sel.sees_full_numbers(request.user, found),
            "actions": allowed,
            "needs_assignee": any(a == "assign" for a, _label in allowed),
            "can_apologise": any(a == "apologise" for a, _label in allowed),
            "officers": sel.assignable_officers(commune) if allowed else [],
            "answers": _answers(request.user, found),
            "is_owner": found.citizen_id == request.user.pk,
            "can_rate": found.citizen_id == request.user.pk
            and found.status == Status.DELIVERED
            and not hasattr(found, "rating"),
            "rating_levels": RatingLevel.choices,
            "can_upload": _can_upload(request.user, found),
            "upload": UploadForm(),
            **_fee_context(request.user, found),
            "signed_result": signed,
            "sign_credentials": [] if signed else result_credentials_for(request.user, found),
        },
    )


def _fee_context(user, dossier) -> dict:
    """The fee card: the cashier of the commune may record cash paid at the desk while it is
    payable; a fee paid in cash links to its receipt for whoever may see the request."""
    fee = fee_summary(dossier)
    request = fee["request"]
    takes_cash = fee["payable"] and user.holds(RECONCILE, commune=dossier.commune)
    return {
        "fee": fee,
        "cash_form": CashPaymentForm(initial={"amount": request.outstanding}) if takes_cash else None,
        "cash_receipt": fee["cash"] and payment_requests_for(user).filter(pk=request.pk).exists(),
    }


@login_required
def fee_qr(request, code: str):
    """The dossier's fee as a dynamic VietQR image (amount and note), while it is payable."""
    fee = fee_summary(sel.dossier_for(request.user, code))
    if not fee["payable"]:
        raise NotFound(_("This dossier has no fee to pay."))
    return HttpResponse(qr_png(fee["request"].payload), content_type="image/png")


@login_required
@require_POST
def dossier_sign(request, code: str):
    """The leader signs the approved result: one click plus the passphrase or PIN."""
    found = sel.dossier_for(request.user, code)
    try:
        signed = dossier_result_sign(
            actor=request.user,
            dossier=found,
            credential_id=request.POST.get("credential"),
            secret=request.POST.get("secret", ""),
        )
    except (Conflict, InvalidInput) as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request, _("The result is signed. Verification code: %(code)s.") % {"code": signed.code}
        )
    return redirect("onestop:dossier", code=found.code)


def _can_upload(actor, dossier) -> bool:
    try:
        services.dossier_files_check(actor=actor, dossier=dossier)
    except DomainError:
        return False
    return True


def _answers(actor, dossier) -> list[tuple[str, str]]:
    """The answers with their labels; phones and personal IDs masked for readers who only read."""
    labels = {f["name"]: f["label"] for f in dossier.procedure.form}
    return [(labels.get(k, k), v) for k, v in sel.dossier_answers_for(actor, dossier).items()]


@login_required
@require_POST
def dossier_action(request, code: str):
    found = sel.dossier_for(request.user, code)
    assignee = None
    if request.POST.get("assignee"):
        assignee = sel.assignable_officers(found.commune).filter(pk=request.POST["assignee"]).first()
    try:
        services.dossier_act(
            actor=request.user,
            dossier=found,
            action=request.POST.get("action", ""),
            note=request.POST.get("note", ""),
            assignee=assignee,
            expected_status=request.POST.get("expected_status") or None,
            new_date=parse_date(request.POST.get("new_date"), field="new_date", label=_("The new date")),
        )
    except (Conflict, InvalidInput) as exc:
        # The right person at the wrong moment: say why on the dossier page. NotAllowed is a 403.
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Done."))
    return redirect("onestop:dossier", code=found.code)


@login_required
@require_POST
def dossier_upload(request, code: str):
    found = sel.dossier_for(request.user, code)
    try:
        services.dossier_files_check(actor=request.user, dossier=found)
    except Conflict as exc:
        messages.error(request, str(exc.message))
        return redirect("onestop:dossier", code=found.code)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("onestop:dossier", code=found.code)
    try:
        services.dossier_file_add(
            actor=request.user,
            dossier=found,
            upload=form.cleaned_data["file"],
            label=form.cleaned_data["label"],
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The paper was added."))
    return redirect("onestop:dossier", code=found.code)


@login_required
def dossier_file(request, code: str, file_id: int):
    found = sel.dossier_for(request.user, code)
    # Papers are scans of ID cards and certificates: they cannot be masked, so only the citizen
    # and the staff who process the dossier open them (a supervisor or a clerk sees the list).
    if not sel.sees_full_numbers(request.user, found):
        raise NotAllowed(
            _("A dossier's papers are open only to its citizen and the officers who process it.")
        )
    paper = DossierFile.objects.filter(dossier=found, pk=file_id).first()
    if paper is None:
        raise NotFound(_("Paper not found."))
    services.dossier_view_record(actor=request.user, dossier=found)
    return file_response(paper.file, content_type=paper.content_type)


def lookup_url(dossier) -> str:
    """The address the receipt's QR code carries: the public lookup with the dossier's token."""
    return f"{settings.SITE_URL}{reverse('onestop:lookup')}?ma={dossier.code}&t={dossier.token}"


@login_required
def receipt(request, code: str):
    """The receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả) as a PDF with the lookup QR."""
    found = sel.dossier_for(request.user, code)
    if found.received_at is None:
        raise NotFound(_("This dossier has no receipt yet."))
    # The receipt carries the applicant's name and phone: a staff download is a reading too.
    services.dossier_view_record(actor=request.user, dossier=found)
    url = lookup_url(found)
    fee = fee_summary(found)
    pdf = render_pdf(
        "onestop/receipt_pdf.html",
        {
            "dossier": found,
            "commune": found.commune,
            "files": found.files.all(),
            "received": to_local(found.received_at),
            "qr": qr_png_data_uri(url),
            "lookup_url": url,
            "officer": found.received_by.full_name if found.received_by else "",
            "applicant_phone": sel.applicant_phone_for(request.user, found),
            "fee": fee,
            "fee_qr": qr_png_data_uri(fee["request"].payload) if fee["payable"] else "",
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{found.code}.pdf"'
    return response


@login_required
def apology(request, code: str):
    """The apology letter of a late dossier (phiếu xin lỗi và hẹn lại ngày trả kết quả), PDF."""
    found = sel.dossier_for(request.user, code)
    if found.apology_date is None:
        raise NotFound(_("This dossier has no apology letter."))
    services.dossier_view_record(actor=request.user, dossier=found)
    pdf = render_pdf(
        "onestop/apology_pdf.html",
        {
            "dossier": found,
            "received": to_local(found.received_at).strftime("%d/%m/%Y"),
            "due": found.due_date.strftime("%d/%m/%Y"),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="xin-loi-{found.code}.pdf"'
    return response


@login_required
@require_POST
def dossier_rate(request, code: str):
    found = sel.dossier_for(request.user, code)
    try:
        level = int(request.POST.get("level", "0"))
    except ValueError:
        level = 0
    try:
        services.dossier_rate(
            actor=request.user, dossier=found, level=level, comment=request.POST.get("comment", "")
        )
    except (Conflict, InvalidInput) as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Thank you for your rating."))
    return redirect("onestop:dossier", code=found.code)


# --- officers ------------------------------------------------------------------------------
def _int(value) -> int | None:
    return parse_id(value)


@login_required
def queue(request):
    commune = _staff_commune(request, sel.VIEW)
    g = request.GET
    filters = sel.QueueFilters(
        tab=g.get("tab", "new") if g.get("tab", "new") in sel.TABS else "new",
        status=g.get("status", ""),
        procedure=g.get("procedure", ""),
        due=g.get("due", ""),
        assignee=_int(g.get("assignee")),
        village=_int(g.get("village")),
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
            "tabs": [
                (key, label, count)
                for (key, label), count in zip(
                    TAB_LABELS.items(), sel.queue_counts(request.user, filters).values(), strict=True
                )
            ],
            "page": page,
            "extra_query": keep.urlencode() + "&" if keep else "",
            "tab_query": tab_query.urlencode(),
            "statuses": Status.choices,
            "procedures": sel.procedures_search(),
            "officers": sel.assignable_officers(commune),
            "villages": commune.villages.all(),
        },
    )


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
    phone = forms.CharField(label=gettext_lazy("Phone number"), max_length=10, required=False)
    personal_id = forms.CharField(
        label=gettext_lazy("Personal ID number (12 digits)"), max_length=12, required=False
    )
    address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)


@login_required
def intake(request):
    """Counter intake, step 1: find the citizen's profile, or create one."""
    commune = _staff_commune(request, services.RECEIVE)
    q = request.GET.get("q", "").strip()
    found = citizen_profiles_for(request.user, q=q)[:20] if q else []
    form = CitizenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.counter_profile_create(
                actor=request.user, commune=commune, **form.cleaned_data
            )
        except DomainError as exc:
            attach_error(form, exc)
        else:
            return redirect(reverse("onestop:intake_file") + f"?ho_so_cd={profile.pk}")
    return render(
        request,
        "onestop/intake.html",
        {"commune": commune, "q": q, "found": found, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def intake_file(request):
    """Counter intake, step 2: the procedure, its form and the scanned papers."""
    commune = _staff_commune(request, services.RECEIVE)
    profile_id = _int(request.GET.get("ho_so_cd") or request.POST.get("profile"))
    profile = citizen_profiles_for(request.user).filter(pk=profile_id).first() if profile_id else None
    if profile is None:
        raise NotFound(_("Citizen not found."))
    code = request.GET.get("thu_tuc") or request.POST.get("procedure")
    procedure = sel.procedure_get(code, commune=commune) if code else None
    form = None
    if procedure is not None:
        initial = _initial(prefill_for(profile.user, procedure, profile=profile), procedure.form)
        form = build_form(procedure.form, request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            files = [
                (request.POST.get(f"label_{i}", ""), upload)
                for i, upload in enumerate(request.FILES.getlist("files"))
            ]
            try:
                created = services.dossier_receive_at_counter(
                    actor=request.user,
                    procedure=procedure,
                    commune=commune,
                    profile=profile,
                    data=_json(form.cleaned_data),
                    files=files,
                )
            except DomainError as exc:
                if exc.field in form.fields:
                    attach_error(form, exc)
                else:
                    form.add_error(None, str(exc.message))
            else:
                messages.success(
                    request,
                    _("Dossier %(code)s was received. Hand over the receipt.") % {"code": created.code},
                )
                return redirect("onestop:dossier", code=created.code)
    return render(
        request,
        "onestop/intake_file.html",
        {
            "commune": commune,
            "profile": profile,
            "procedure": procedure,
            "procedures": sel.procedures_search(commune=commune),
            "form": form,
        },
        status=422 if form is not None and form.errors else 200,
    )


@login_required
def switches(request):
    commune = _staff_commune(request, services.MANAGE_PROCEDURES)
    if request.method == "POST":
        procedure = sel.procedure_get(request.POST.get("procedure", ""))
        services.procedure_switch(
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


# --- reports -------------------------------------------------------------------------------
def _report(request):
    if request.user.scope_for(VIEW_REPORTS).is_empty:
        raise NotAllowed(_("Reports are for the commune's leaders and one-stop officers."))
    today = local_today()
    start = parse_date(request.GET.get("tu"), field="tu", label=_("From")) or today.replace(day=1)
    end = parse_date(request.GET.get("den"), field="den", label=_("To")) or today
    if end < start:
        start, end = end, start
    commune_code = request.GET.get("xa", "").strip() or None
    return report_for(request.user, start=start, end=end, commune_code=commune_code), commune_code


@login_required
def reports(request):
    report, commune_code = _report(request)
    return render(
        request,
        "onestop/reports.html",
        {
            "report": report,
            "start": report.start,
            "end": report.end,
            "commune_code": commune_code,
            "communes": Commune.objects.for_actor(request.user, VIEW_REPORTS).order_by("name"),
            "tables": [
                (_("By procedure"), report.by_procedure),
                (_("By officer"), report.by_officer),
                (_("By commune"), report.by_commune),
            ],
        },
    )


@login_required
def reports_xlsx(request):
    report, commune_code = _report(request)
    # The workbook names officers (the "by officer" sheet): who took it is audited.
    export_record(
        actor=request.user,
        what="onestop.report",
        rows=len(report.by_procedure) + len(report.by_officer) + len(report.by_commune),
        fmt="xlsx",
        commune_code=commune_code or "",
    )
    response = HttpResponse(
        report_xlsx(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-mot-cua-{report.start}-{report.end}.xlsx"'
    )
    return response


# --- public lookup -------------------------------------------------------------------------
def lookup_shown(result: dict) -> dict:
    """The lookup's answer with its dates as the page prints them: dd/mm/yyyy, times in
    Vietnam's time (what the `date` filter gives, formatted here once instead of per tag)."""
    due = result["due_date"]
    timeline = [{**e, "at_text": to_local(e["at"]).strftime("%d/%m/%Y %H:%M")} for e in result["timeline"]]
    return {**result, "due_text": due.strftime("%d/%m/%Y") if due else "—", "timeline": timeline}


def lookup(request):
    code = request.GET.get("ma", "").strip()
    result = error = None
    if code:
        try:
            result = lookup_dossier(
                code=code,
                token=request.GET.get("t", ""),
                phone_last4=request.GET.get("so", ""),
                client=request.META.get("REMOTE_ADDR", ""),
            )
        except DomainError as exc:
            error = str(exc.message)
            status = exc.status
        else:
            status = 200
    else:
        status = 200
    context = {
        "code": code,
        "result": lookup_shown(result) if result else None,
        "error": error,
        "phone_last4": request.GET.get("so", ""),
    }
    if lookup_page.plain_visit(request):  # the QR's visitor: the layout comes from a shell
        return HttpResponse(lookup_page.page(request, context), status=status)
    return render(request, lookup_page.TEMPLATE, context, status=status)

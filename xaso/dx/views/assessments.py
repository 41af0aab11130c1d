"""The commune fills its self-assessment; the province reviews and decides on the same page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core.errors import USER_ERRORS, RateLimited
from xaso.core.forms import attach_error, form_refusals
from xaso.core.permissions import holds, require
from xaso.core.uploads import file_response
from xaso.dx import charts, selectors
from xaso.dx.forms import DecisionForm, DecisionSignForm, EvidenceForm, ReviewForm, ValueForm
from xaso.dx.models import Pillar, ReviewStatus
from xaso.dx.permissions import ASSESSMENT_REFUSED, FILL, REVIEW
from xaso.dx.services import assessments, decisions
from xaso.places.selectors import commune_of


def _assessment(request, assessment_id: int, perm: str | None = None):
    """The assessment if the actor may see it (else 404) and, when named, holds `perm` on it (else 403)."""
    a = selectors.assessment_for(request.user, assessment_id)
    if perm:
        require(request.user, perm, commune=a.commune, message=ASSESSMENT_REFUSED)
    return a


@login_required
def home(request):
    """The commune's page: published sets to register for and its assessments over the years."""
    commune = commune_of(request.user, FILL)
    history = list(selectors.assessments_for(request.user).filter(commune=commune))
    taken = {a.indicator_set_id for a in history}
    open_sets = [
        s
        for s in selectors.sets_for(request.user).filter(province_id=commune.province_id, status="published")
        if s.pk not in taken
    ]
    return render(
        request, "dx/home.html", {"commune": commune, "assessments": history, "open_sets": open_sets}
    )


@login_required
@require_POST
def register(request, set_id: int):
    commune = commune_of(request.user, FILL)
    indicator_set = selectors.set_for(request.user, set_id)
    try:
        assessment = assessments.assessment_register(
            actor=request.user, indicator_set=indicator_set, commune=commune
        )
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
        return redirect("dx:home")
    messages.success(request, _("The commune is registered. Fill the indicators below."))
    return redirect("dx:assessment", assessment.pk)


def _sheet_context(request, assessment, *, bound=None, sign_form=None):
    rows = selectors.assessment_sheet(assessment)
    for row in rows:
        row.form = (bound or {}).get(row.value.pk)
    pillars = dict(Pillar.choices)
    chart = charts.hbars(
        [
            (r.indicator.code, r.figure if r.indicator.kind == "percentage" else None, r.indicator.target)
            for r in rows
            if r.indicator.kind == "percentage"
        ],
        title=_("Percentage indicators against their targets"),
    )
    return {
        "a": assessment,
        "rows": rows,
        "pillars": pillars,
        "chart": chart,
        "can_fill": holds(request.user, FILL, commune=assessment.commune),
        "can_review": holds(request.user, REVIEW, commune=assessment.commune),
        "evidence_form": EvidenceForm(),
        "decision_form": DecisionForm(),
        "sign_form": sign_form
        or DecisionSignForm(
            credentials=selectors.decision_credentials_for(request.user, assessment.commune.province_id)
        ),
        "events": assessment.events.select_related("actor"),
        "pending_count": sum(1 for r in rows if r.value.review_status == ReviewStatus.PENDING),
    }


@login_required
def assessment(request, assessment_id: int):
    a = selectors.assessment_for(request.user, assessment_id)
    return render(request, "dx/assessment.html", _sheet_context(request, a))


def _rerender(request, a, value_id, form, status=422):
    return render(
        request, "dx/assessment.html", _sheet_context(request, a, bound={value_id: form}), status=status
    )


@login_required
@require_POST
def value_save(request, assessment_id: int, value_id: int):
    a = _assessment(request, assessment_id, FILL)
    value = selectors.value_for(request.user, a, value_id)
    form = ValueForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    with form_refusals(form) as refused:
        assessments.assessment_value_save(
            actor=request.user,
            value=value,
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
            amount=data.get("amount"),
            comment=data.get("comment", ""),
        )
    if refused.error is not None:
        return _rerender(request, a, value.pk, form)
    messages.success(request, _("%(code)s was saved.") % {"code": value.indicator.code})
    return redirect(f"{reverse('dx:assessment', args=[a.pk])}#v{value.pk}")


@login_required
@require_POST
def evidence_add(request, assessment_id: int, value_id: int):
    a = _assessment(request, assessment_id, FILL)
    value = selectors.value_for(request.user, a, value_id)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("dx:assessment", a.pk)
    try:
        assessments.evidence_add(actor=request.user, value=value, upload=form.cleaned_data["file"])
    except USER_ERRORS as exc:
        messages.error(request, f"{value.indicator.code}: {exc.message}")
    else:
        messages.success(
            request, _("The evidence was attached to %(code)s.") % {"code": value.indicator.code}
        )
    return redirect("dx:assessment", a.pk)


@login_required
def evidence_download(request, evidence_id: int):
    evidence = selectors.evidence_for(request.user, evidence_id)
    return file_response(evidence.file, content_type=evidence.content_type, filename=evidence.original_name)


@login_required
@require_POST
def evidence_remove(request, evidence_id: int):
    evidence = selectors.evidence_for(request.user, evidence_id)
    assessment_id = evidence.value.assessment_id
    require(request.user, FILL, commune=evidence.value.assessment.commune, message=ASSESSMENT_REFUSED)
    try:
        assessments.evidence_remove(actor=request.user, evidence=evidence)
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
    return redirect("dx:assessment", assessment_id)


@login_required
@require_POST
def submit(request, assessment_id: int):
    a = _assessment(request, assessment_id, FILL)
    try:
        assessments.assessment_submit(actor=request.user, assessment=a)
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The assessment was sent to the province."))
    return redirect("dx:assessment", a.pk)


@login_required
@require_POST
def review(request, assessment_id: int, value_id: int):
    a = _assessment(request, assessment_id, REVIEW)
    value = selectors.value_for(request.user, a, value_id)
    form = ReviewForm(request.POST)
    form.is_valid()
    with form_refusals(form) as refused:
        assessments.assessment_value_review(
            actor=request.user,
            value=value,
            decision=form.cleaned_data.get("decision", ""),
            comment=form.cleaned_data.get("comment", ""),
        )
    if refused.error is not None:
        return _rerender(request, a, value.pk, form)
    return redirect(f"{reverse('dx:assessment', args=[a.pk])}#v{value.pk}")


@login_required
def send_back(request, assessment_id: int):
    """Return the assessment to the commune: a comment on each indicator to correct (those
    left empty stay as reviewed) and a note, in one form; refused, it is shown again as typed."""
    a = _assessment(request, assessment_id, REVIEW)
    rows = selectors.assessment_sheet(a)
    typed = {row.value.pk: request.POST.get(f"c{row.value.pk}", "") for row in rows}
    note = request.POST.get("note", "")
    error = None
    if request.method == "POST":
        try:
            assessments.assessment_return_with_comments(
                actor=request.user, assessment=a, comments=typed, note=note
            )
        except USER_ERRORS as exc:
            error = str(exc.message)
        else:
            messages.success(request, _("The assessment was returned to the commune."))
            return redirect("dx:assessment", a.pk)
    for row in rows:
        row.typed_comment = typed[row.value.pk] if request.method == "POST" else row.value.review_comment
    return render(
        request,
        "dx/return.html",
        {"a": a, "rows": rows, "note": note, "error": error},
        status=422 if error else 200,
    )


@login_required
@require_POST
def accept_pending(request, assessment_id: int):
    """Accept every indicator not reviewed yet, in one click."""
    a = _assessment(request, assessment_id, REVIEW)
    try:
        count = assessments.assessment_values_accept_pending(actor=request.user, assessment=a)
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("%(count)d indicators were accepted.") % {"count": count})
    return redirect("dx:assessment", a.pk)


@login_required
@require_POST
def decide(request, assessment_id: int):
    a = _assessment(request, assessment_id, REVIEW)
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        a = assessments.assessment_decide(actor=request.user, assessment=a, **form.cleaned_data)
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
    else:
        if a.level:
            messages.success(request, _("Recognised: %(level)s.") % {"level": a.level.name})
        else:
            messages.warning(request, _("Decided: not recognised."))
    return redirect("dx:assessment", a.pk)


@login_required
@require_POST
def decision_sign(request, assessment_id: int):
    a = _assessment(request, assessment_id, REVIEW)
    credentials = selectors.decision_credentials_for(request.user, a.commune.province_id)
    form = DecisionSignForm(request.POST, credentials=credentials)
    if form.is_valid():
        try:
            decisions.decision_sign(
                actor=request.user,
                assessment=a,
                credential=credentials.get(pk=form.cleaned_data["credential"]),
                secret=form.cleaned_data["secret"],
            )
        except RateLimited:
            raise  # a certificate locked after wrong passphrases: the middleware's 429 page, as ever
        except USER_ERRORS as exc:
            attach_error(form, exc)
        else:
            messages.success(request, _("The decision is signed."))
            return redirect("dx:assessment", a.pk)
    return render(request, "dx/assessment.html", _sheet_context(request, a, sign_form=form), status=422)


@login_required
def decision_pdf(request, assessment_id: int):
    a = selectors.assessment_for(request.user, assessment_id)
    if not a.decision_pdf:
        raise Http404
    return file_response(
        a.decision_pdf, content_type="application/pdf", filename=f"quyet-dinh-{a.pk}.pdf", download=True
    )


@login_required
def commune_dashboard(request, assessment_id: int):
    """Score, level, each indicator against its target, and the trend over the years."""
    a = selectors.assessment_for(request.user, assessment_id)
    history = list(selectors.commune_history(request.user, a.commune))
    trend = charts.columns(
        [(str(h.indicator_set.year), h.score) for h in history], title=_("Score over the years")
    )
    ctx = _sheet_context(request, a)
    ctx.update({"history": history, "trend": trend})
    return render(request, "dx/commune_dashboard.html", ctx)

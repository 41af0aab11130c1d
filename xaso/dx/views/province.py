"""Province pages: indicator sets, the ranking of communes, exports, the public page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core.bounds import parse_id
from xaso.core.errors import USER_ERRORS, NotAllowed
from xaso.core.forms import form_refusals, form_render
from xaso.core.permissions import holds
from xaso.core.tenancy import scope_of
from xaso.dx import charts, exports, selectors
from xaso.dx.forms import IndicatorForm, YearForm
from xaso.dx.models import AssessmentStatus, Pillar
from xaso.dx.permissions import MANAGE_SETS
from xaso.dx.services import indicator_sets
from xaso.places.models import Province

MANAGE = MANAGE_SETS


def _supervised(request) -> list[Province]:
    scope = scope_of(request.user, MANAGE)
    provinces = (
        Province.objects.all() if scope.everything else Province.objects.filter(code__in=scope.province_codes)
    )
    provinces = list(provinces)
    if not provinces:
        raise NotAllowed(_("You do not supervise a province."))
    return provinces


@login_required
def province_home(request):
    provinces = _supervised(request)
    form = YearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        province = next((p for p in provinces if p.code == request.POST.get("province")), provinces[0])
        with form_refusals(form):
            s = indicator_sets.indicator_set_create(
                actor=request.user, province=province, year=form.cleaned_data["year"]
            )
            messages.success(request, _("The indicator set was created from the default commune set."))
            return redirect("dx:set", s.pk)
    sets = selectors.sets_for(request.user, perm=MANAGE).filter(province__in=provinces)
    return form_render(request, "dx/province_home.html", {"provinces": provinces, "sets": sets, "form": form})


@login_required
def set_detail(request, set_id: int):
    s = selectors.set_for(request.user, set_id)
    can_manage = holds(request.user, MANAGE, province_code=s.province_id)
    editable = s.is_editable and can_manage
    form = IndicatorForm(request.POST or None) if editable else None
    if request.method == "POST" and form is not None and form.is_valid():
        with form_refusals(form):
            indicator_sets.indicator_save(actor=request.user, indicator_set=s, data=form.cleaned_data)
            messages.success(request, _("The indicator was added."))
            return redirect("dx:set", s.pk)
    return form_render(
        request,
        "dx/set_detail.html",
        {
            "s": s,
            "indicators": s.indicators.all(),
            "levels": s.levels.all(),
            "form": form,
            "copy_form": YearForm(initial={"year": s.year + 1}),
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def set_action(request, set_id: int, action: str):
    s = selectors.set_for(request.user, set_id, perm=MANAGE)
    try:
        if action == "publish":
            indicator_sets.indicator_set_publish(actor=request.user, indicator_set=s)
            messages.success(request, _("The set is published: communes can register."))
        elif action == "public":
            s = indicator_sets.indicator_set_make_public(
                actor=request.user, indicator_set=s, is_public=request.POST.get("is_public") == "1"
            )
            messages.success(
                request, _("The public page is on.") if s.is_public else _("The public page is off.")
            )
        elif action == "copy":
            form = YearForm(request.POST)
            year = form.cleaned_data["year"] if form.is_valid() else request.POST.get("year")
            s = indicator_sets.indicator_set_copy(actor=request.user, source=s, year=year)
            messages.success(request, _("The set was copied to %(year)s.") % {"year": s.year})
        elif action == "delete-indicator":
            indicator = s.indicators.get(pk=parse_id(request.POST.get("indicator")) or 0)
            indicator_sets.indicator_delete(actor=request.user, indicator=indicator)
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
    except (ValueError, s.indicators.model.DoesNotExist):
        messages.error(request, _("Choose an indicator of this set."))
    return redirect("dx:set", s.pk)


def _ranking_context(s, rows):
    scored = [r for r in rows if r.rank is not None]
    chart = charts.hbars(
        [(f"{r.rank}. {r.commune.name}", r.assessment.score, None) for r in scored[:30]],
        title=_("Score of each commune"),
    )
    pillar_avg = []
    for code, label in Pillar.choices:
        figures = [r.pillars[code] for r in scored if code in r.pillars]
        pillar_avg.append((str(label), sum(figures) / len(figures) if figures else None, None))
    return {
        "s": s,
        "rows": rows,
        "pillars": Pillar.choices,
        "chart": chart,
        "pillar_chart": charts.hbars(pillar_avg, title=_("Average score per pillar")),
        "scored": len(scored),
    }


@login_required
def ranking(request, set_id: int):
    s = selectors.set_for(request.user, set_id)
    rows = selectors.ranking(s)
    context = _ranking_context(s, rows)
    show = request.GET.get("show", "")
    if show in RANKING_FILTERS:
        context["rows"] = [r for r in rows if RANKING_FILTERS[show](r)]
        context["show"] = show
    return render(request, "dx/ranking.html", context)


# The dashboard's figures land on these (xaso.dx.cards): assessments waiting for review, and
# communes that have not submitted (not registered, or still filling).
RANKING_FILTERS = {
    "submitted": lambda r: r.assessment is not None and r.assessment.status == AssessmentStatus.SUBMITTED,
    "not_submitted": lambda r: r.assessment is None or r.assessment.status == AssessmentStatus.REGISTERED,
}


@login_required
def ranking_export(request, set_id: int, fmt: str):
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    s = selectors.set_for(request.user, set_id)
    table = exports.ranking_table(s, selectors.ranking(s))
    name = f"xep-hang-{s.province_id}-{s.year}"
    if fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(exports.to_pdf(table), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def public_index(request):
    return render(request, "dx/public_index.html", {"sets": selectors.public_sets()})


def public_ranking(request, province_code: str, year: int):
    """The transparency page a province switched on: scores and levels, nothing personal."""
    s = selectors.public_set(province_code, year)
    ctx = _ranking_context(s, selectors.ranking(s))
    ctx["public"] = True
    return render(request, "dx/ranking.html", ctx)

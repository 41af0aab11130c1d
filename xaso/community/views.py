import io

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xaso.community import selectors, spreadsheet
from xaso.community.forms import ImportForm
from xaso.community.permissions import MANAGE_HOUSEHOLDS, VIEW_HOUSEHOLDS
from xaso.community.services import household_import_start
from xaso.core.errors import DomainError
from xaso.places.selectors import villages_of_commune
from xaso.web.views.forms_errors import attach_error

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(workbook_writer, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook_writer(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def households(request):
    commune = selectors.commune_of(request.user, VIEW_HOUSEHOLDS)
    q = request.GET.get("q", "").strip()
    village_id = request.GET.get("village") or None
    if village_id and not str(village_id).isdigit():
        village_id = None
    rows = selectors.households_for(request.user, commune=commune, q=q, village_id=village_id)
    return render(
        request,
        "community/households.html",
        {
            "commune": commune,
            "q": q,
            "village_id": int(village_id) if village_id else None,
            "villages": villages_of_commune(commune),
            "page": Paginator(rows, 50).get_page(request.GET.get("page")),
            "can_manage": request.user.holds(MANAGE_HOUSEHOLDS, commune=commune),
        },
    )


@login_required
def households_template(request):
    selectors.commune_of(request.user, MANAGE_HOUSEHOLDS)
    return _xlsx(spreadsheet.template_workbook().save, "mau-danh-sach-ho.xlsx")


@login_required
def households_export(request):
    commune = selectors.commune_of(request.user, VIEW_HOUSEHOLDS)
    rows = selectors.households_for(request.user, commune=commune).prefetch_related("residents")
    return _xlsx(
        lambda out: spreadsheet.export_workbook(rows.iterator(chunk_size=2000), out),
        f"ho-{commune.code}.xlsx",
    )


@login_required
def households_import(request):
    commune = selectors.commune_of(request.user, MANAGE_HOUSEHOLDS)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = household_import_start(
                actor=request.user,
                commune=commune,
                upload=form.cleaned_data["file"],
                import_valid_rows=form.cleaned_data["import_valid_rows"],
            )
        except DomainError as exc:
            attach_error(form, exc)
        else:
            return redirect("community:import_status", uid=job.uid)
    return render(
        request,
        "community/import.html",
        {"commune": commune, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def import_status(request, uid):
    job = selectors.household_import_for(request.user, uid)
    template = (
        "community/_import_progress.html"
        if request.headers.get("HX-Request")
        else "community/import_status.html"
    )
    return render(request, template, {"job": job})


@login_required
def import_report(request, uid):
    job = selectors.household_import_for(request.user, uid)
    if not job.report:
        raise Http404(_("This import has no error report."))
    return FileResponse(
        job.report.open("rb"), as_attachment=True, filename=f"loi-{job.original_name}", content_type=XLSX
    )

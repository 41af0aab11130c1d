"""Reports of the one-stop shop for the commune's leaders, one-stop officers and province
supervisors, and their Excel download (audited: the workbook names officers)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from xaso.core.bounds import parse_date
from xaso.core.calendar import local_today
from xaso.core.errors import NotAllowed
from xaso.core.privacy import export_record
from xaso.onestop.export import report_xlsx
from xaso.onestop.reports import VIEW_REPORTS, report_for
from xaso.places.models import Commune


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

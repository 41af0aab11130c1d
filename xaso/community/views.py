import io
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.community import selectors, spreadsheet
from xaso.community.announcements import (
    announcement_create,
    deliveries_mark_in_person,
    delivery_acknowledge,
    delivery_for_token,
)
from xaso.community.coverage import coverage_for_announcement, coverage_for_commune
from xaso.community.forms import AnnouncementForm, ImportForm
from xaso.community.models import Attachment
from xaso.community.permissions import MANAGE_HOUSEHOLDS, PUBLISH_ANNOUNCEMENTS, VIEW_HOUSEHOLDS, require
from xaso.community.services import household_import_start
from xaso.core.bounds import parse_id
from xaso.core.errors import DomainError
from xaso.core.forms import attach_error
from xaso.core.privacy import export_record
from xaso.core.ratelimit import ACKNOWLEDGE, limit_request
from xaso.core.uploads import file_response
from xaso.places.selectors import commune_public, villages_of_commune

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
    village_id = parse_id(request.GET.get("village"))
    rows = selectors.households_for(request.user, commune=commune, q=q, village_id=village_id)
    return render(
        request,
        "community/households.html",
        {
            "commune": commune,
            "q": q,
            "village_id": village_id,
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
    # Only those who manage the list (and re-import the export) get the full contacts.
    masked = not request.user.holds(MANAGE_HOUSEHOLDS, commune=commune)
    response = _xlsx(
        lambda out: spreadsheet.export_workbook(rows.iterator(chunk_size=2000), out, masked=masked),
        f"ho-{commune.code}.xlsx",
    )
    export_record(
        actor=request.user,
        what="households",
        rows=rows.count(),
        fmt="xlsx",
        commune_code=commune.code,
        masked=masked,
    )
    return response


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
    can_manage = request.user.holds(MANAGE_HOUSEHOLDS, commune=job.commune)
    return render(request, template, {"job": job, "can_manage": can_manage})


@login_required
def import_report(request, uid):
    job = selectors.household_import_for(request.user, uid)
    # The error report is the uploaded sheet, full contacts included: only those who manage the
    # list (and correct and re-import it) may take it, and each download is audited.
    require(request.user, MANAGE_HOUSEHOLDS, job.commune)
    if not job.report:
        raise Http404(_("This import has no error report."))
    export_record(
        actor=request.user,
        what="households.import_report",
        rows=job.total_rows,
        fmt="xlsx",
        commune_code=job.commune_id,
        masked=False,
    )
    return file_response(job.report, content_type=XLSX, filename=f"loi-{job.original_name}")


@login_required
def announcements(request):
    commune = selectors.commune_of(request.user, VIEW_HOUSEHOLDS)
    rows = selectors.announcements_for(request.user, commune=commune)
    return render(
        request,
        "community/announcements.html",
        {
            "commune": commune,
            "page": Paginator(rows, 25).get_page(request.GET.get("page")),
            "can_publish": request.user.holds(PUBLISH_ANNOUNCEMENTS, commune=commune),
            "coverage": coverage_for_commune(commune, (timezone.localdate() - timedelta(days=29), None)),
        },
    )


@login_required
def announcement_new(request):
    commune = selectors.commune_of(request.user, PUBLISH_ANNOUNCEMENTS)
    form = AnnouncementForm(request.POST or None, request.FILES or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            announcement = announcement_create(
                actor=request.user,
                commune=commune,
                title=data["title"],
                body=data["body"],
                urgency=data["urgency"],
                villages=list(data["villages"]),
                publish_at=data["publish_at"],
                expires_at=data["expires_at"],
                attachments=data["attachments"],
            )
        except DomainError as exc:
            attach_error(form, exc)
        else:
            messages.success(request, _("The announcement was published."))
            return redirect("community:announcement", announcement_id=announcement.pk)
    return render(
        request,
        "community/announcement_new.html",
        {"commune": commune, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def announcement_detail(request, announcement_id: int):
    announcement = selectors.announcement_for(request.user, announcement_id)
    village_id = parse_id(request.GET.get("village"))
    error = None
    if request.method == "POST":
        try:
            count = deliveries_mark_in_person(
                actor=request.user, announcement=announcement, delivery_ids=request.POST.getlist("deliveries")
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("%(n)d households marked as told in person.") % {"n": count})
            return redirect(request.get_full_path())
    unreached = selectors.unreached_deliveries(request.user, announcement, village_id=village_id)
    return render(
        request,
        "community/announcement_detail.html",
        {
            "announcement": announcement,
            "coverage": coverage_for_announcement(announcement),
            "page": Paginator(unreached, 100).get_page(request.GET.get("page")),
            "village_id": village_id,
            "error": error,
            "can_mark": request.user.holds(PUBLISH_ANNOUNCEMENTS, commune=announcement.commune),
        },
        status=422 if error else 200,
    )


def public_announcements(request, code):
    commune = commune_public(code)
    rows = selectors.announcements_public(commune)
    return render(
        request,
        "community/public_announcements.html",
        {
            "commune": commune,
            "villages": villages_of_commune(commune),
            "page": Paginator(rows, 20).get_page(request.GET.get("page")),
        },
    )


def public_announcement(request, code, announcement_id: int):
    announcement = selectors.announcement_public(announcement_id)
    if announcement.commune_id != code:
        raise Http404
    return render(request, "community/public_announcement.html", {"announcement": announcement})


def attachment_download(request, attachment_id: int):
    attachment = get_object_or_404(Attachment.objects.select_related("announcement"), pk=attachment_id)
    visible = attachment.announcement.is_public() or (
        request.user.is_authenticated
        and selectors.announcements_for(request.user).filter(pk=attachment.announcement_id).exists()
    )
    if not visible:
        raise Http404
    return file_response(attachment.file, content_type=attachment.content_type, filename=attachment.name)


def acknowledge(request, token: str):
    limit_request(request, ACKNOWLEDGE)
    try:
        delivery = delivery_for_token(token)
    except DomainError as exc:
        return render(request, "community/ack_problem.html", {"problem": exc}, status=exc.status)
    if request.method == "POST":
        delivery = delivery_acknowledge(token=token)
    return render(
        request, "community/ack.html", {"delivery": delivery, "announcement": delivery.announcement}
    )

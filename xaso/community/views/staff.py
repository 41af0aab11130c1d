"""Pages of the commune staff (signed in, each checked against its permission): the household
list and its import, announcements and whom they reached, the smart radio, QR information
pages, and the feedback queue with a report's handling page and timeline."""

import io
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.community import selectors, spreadsheet
from xaso.community.coverage import coverage_for_announcement, coverage_for_commune
from xaso.community.forms import (
    AnnouncementForm,
    BulletinForm,
    ClusterForm,
    FeedbackAnswerForm,
    ImportForm,
    InfoPageForm,
)
from xaso.community.models import FeedbackStatus
from xaso.community.permissions import (
    HANDLE_FEEDBACK,
    MANAGE_HOUSEHOLDS,
    MANAGE_INFO_PAGES,
    MANAGE_RADIO,
    NO_COMMUNE,
    PUBLISH_ANNOUNCEMENTS,
    VIEW_HOUSEHOLDS,
)
from xaso.community.services import feedback, infopages, radio
from xaso.community.services.announcements import (
    announcement_create,
    deliveries_mark_in_person,
)
from xaso.community.services.households import household_import_start
from xaso.community.workflow import action_label
from xaso.core.bounds import parse_id
from xaso.core.errors import USER_ERRORS, NotFound
from xaso.core.forms import form_refusals, form_render
from xaso.core.permissions import holds, require
from xaso.core.privacy import export_record
from xaso.core.uploads import file_response
from xaso.places.selectors import commune_of, villages_of_commune

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(workbook_writer, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook_writer(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def households(request):
    commune = commune_of(request.user, VIEW_HOUSEHOLDS, message=NO_COMMUNE)
    q = request.GET.get("q", "").strip()
    village_id = parse_id(request.GET.get("village"))
    no_contact = request.GET.get("contact") == "none"
    rows = selectors.households_for(
        request.user, commune=commune, q=q, village_id=village_id, no_contact=no_contact
    )
    return render(
        request,
        "community/households.html",
        {
            "commune": commune,
            "q": q,
            "village_id": village_id,
            "no_contact": no_contact,
            "extra_query": _households_query(village_id, no_contact),
            "villages": villages_of_commune(commune),
            "page": Paginator(rows, 50).get_page(request.GET.get("page")),
            "can_manage": holds(request.user, MANAGE_HOUSEHOLDS, commune=commune),
        },
    )


def _households_query(village_id, no_contact: bool) -> str:
    """The list's filters for the pager's links (the search text travels on its own)."""
    parts = ([f"village={village_id}"] if village_id else []) + (["contact=none"] if no_contact else [])
    return "".join(f"{part}&" for part in parts)


@login_required
def households_template(request):
    commune_of(request.user, MANAGE_HOUSEHOLDS, message=NO_COMMUNE)
    return _xlsx(spreadsheet.template_workbook().save, "mau-danh-sach-ho.xlsx")


@login_required
def households_export(request):
    commune = commune_of(request.user, VIEW_HOUSEHOLDS, message=NO_COMMUNE)
    rows = selectors.households_for(request.user, commune=commune).prefetch_related("residents")
    # Only those who manage the list (and re-import the export) get the full contacts.
    masked = not holds(request.user, MANAGE_HOUSEHOLDS, commune=commune)
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
    commune = commune_of(request.user, MANAGE_HOUSEHOLDS, message=NO_COMMUNE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            job = household_import_start(
                actor=request.user,
                commune=commune,
                upload=form.cleaned_data["file"],
                import_valid_rows=form.cleaned_data["import_valid_rows"],
            )
            return redirect("community:import_status", uid=job.uid)
    return form_render(request, "community/import.html", {"commune": commune, "form": form})


@login_required
def import_status(request, uid):
    job = selectors.household_import_for(request.user, uid)
    template = (
        "community/_import_progress.html"
        if request.headers.get("HX-Request")
        else "community/import_status.html"
    )
    can_manage = holds(request.user, MANAGE_HOUSEHOLDS, commune=job.commune)
    return render(request, template, {"job": job, "can_manage": can_manage})


@login_required
def import_report(request, uid):
    job = selectors.household_import_for(request.user, uid)
    # The error report is the uploaded sheet, full contacts included: only those who manage the
    # list (and correct and re-import it) may take it, and each download is audited.
    require(request.user, MANAGE_HOUSEHOLDS, commune=job.commune)
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
    commune = commune_of(request.user, VIEW_HOUSEHOLDS, message=NO_COMMUNE)
    rows = selectors.announcements_for(request.user, commune=commune)
    return render(
        request,
        "community/announcements.html",
        {
            "commune": commune,
            "page": Paginator(rows, 25).get_page(request.GET.get("page")),
            "can_publish": holds(request.user, PUBLISH_ANNOUNCEMENTS, commune=commune),
            "coverage": coverage_for_commune(commune, (timezone.localdate() - timedelta(days=29), None)),
        },
    )


@login_required
def announcement_new(request):
    commune = commune_of(request.user, PUBLISH_ANNOUNCEMENTS, message=NO_COMMUNE)
    form = AnnouncementForm(request.POST or None, request.FILES or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_refusals(form):
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
            messages.success(request, _("The announcement was published."))
            return redirect("community:announcement", announcement_id=announcement.pk)
    return form_render(request, "community/announcement_new.html", {"commune": commune, "form": form})


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
        except USER_ERRORS as exc:
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
            "can_mark": holds(request.user, PUBLISH_ANNOUNCEMENTS, commune=announcement.commune),
        },
        status=422 if error else 200,
    )


@login_required
def radio_home(request):
    commune = commune_of(request.user, MANAGE_RADIO, message=NO_COMMUNE)
    cluster_form = ClusterForm(commune=commune, prefix="cluster")
    bulletin_form = BulletinForm(commune=commune, prefix="bulletin")
    status = 200
    if request.method == "POST" and "cluster-name" in request.POST:
        cluster_form = ClusterForm(request.POST, commune=commune, prefix="cluster")
        if cluster_form.is_valid():
            with form_refusals(cluster_form):
                cluster, token = radio.speaker_cluster_create(
                    actor=request.user, commune=commune, **cluster_form.cleaned_data
                )
                request.session["radio_new_token"] = {"cluster": cluster.pk, "token": token}
                return redirect("community:radio")
        status = 422
    elif request.method == "POST":
        bulletin_form = BulletinForm(request.POST, request.FILES, commune=commune, prefix="bulletin")
        if bulletin_form.is_valid():
            with form_refusals(bulletin_form):
                radio.bulletin_create(actor=request.user, commune=commune, **bulletin_form.cleaned_data)
                messages.success(request, _("The bulletin was saved; its audio is being made."))
                return redirect("community:radio")
        status = 422
    new_token = request.session.pop("radio_new_token", None)
    now = timezone.now()
    clusters = [(c, radio.is_silent(c, now)) for c in selectors.clusters_for(request.user, commune=commune)]
    return render(
        request,
        "community/radio.html",
        {
            "commune": commune,
            "clusters": clusters,
            "silent_count": sum(1 for _c, silent in clusters if silent),
            "bulletins": selectors.bulletins_for(request.user, commune=commune)[:30],
            "cluster_form": cluster_form,
            "bulletin_form": bulletin_form,
            "new_token": new_token,
            "site_url": request.build_absolute_uri("/").rstrip("/"),
        },
        status=status,
    )


@login_required
def bulletin_audio(request, bulletin_id: int):
    bulletin = selectors.bulletin_for(request.user, bulletin_id)
    if not bulletin.audio:
        raise Http404
    return FileResponse(bulletin.audio.open("rb"), content_type="audio/ogg")


@login_required
def info_pages(request):
    commune = commune_of(request.user, MANAGE_INFO_PAGES, message=NO_COMMUNE)
    form = InfoPageForm(request.POST or None, request.FILES or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            page = infopages.info_page_create(actor=request.user, commune=commune, **form.cleaned_data)
            messages.success(request, _("The page was published. Print its poster."))
            return redirect("community:info_page", code=commune.code, page_id=page.pk)
    return form_render(
        request,
        "community/info_pages.html",
        {"commune": commune, "form": form, "pages": selectors.info_pages_for(request.user, commune=commune)},
    )


@login_required
def info_poster(request, page_id: int):
    page = selectors.info_page_for(request.user, page_id)
    response = HttpResponse(infopages.poster_pdf(page), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-{page.pk}.pdf"'
    return response


@login_required
def feedback_queue(request):
    commune = commune_of(request.user, HANDLE_FEEDBACK, message=NO_COMMUNE)
    state = request.GET.get("state", "")
    state = state if state in selectors.FeedbackState.ALL else ""
    village_id = parse_id(request.GET.get("village"))
    rows = selectors.feedback_for(request.user, commune=commune, state=state, village_id=village_id).exclude(
        status=FeedbackStatus.MERGED
    )
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "community/feedback_queue.html",
        {
            "commune": commune,
            "state": state,
            "village_id": village_id,
            "villages": villages_of_commune(commune),
            "states": FEEDBACK_STATES,
            "extra_query": keep.urlencode() + "&" if keep else "",
            "page": Paginator(rows, 30).get_page(request.GET.get("page")),
        },
    )


FEEDBACK_STATES = [
    (selectors.FeedbackState.PENDING, gettext_lazy("Waiting for an answer or a fix")),
    (selectors.FeedbackState.DUE_SOON, gettext_lazy("Due today or next working day")),
    (selectors.FeedbackState.LATE, gettext_lazy("Late")),
]


@login_required
def feedback_handle(request, report_id: int):
    report = selectors.feedback_one_for(request.user, report_id)
    form = FeedbackAnswerForm(request.POST or None, initial={"answer": report.answer})
    # The status the page showed: acting on a report someone else moved meanwhile is refused.
    seen = request.POST.get("expected_status") or None
    if request.method == "POST" and "into" in request.POST:
        # An unknown tracking code is the officer's typo: said on the page, not a 404.
        try:
            into = selectors.feedback_by_code(request.POST["into"].strip().upper())
            feedback.feedback_merge(actor=request.user, report=report, into=into, expected_status=seen)
        except (*USER_ERRORS, NotFound) as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The report was merged."))
        return redirect("community:feedback_handle", report_id=report.pk)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            feedback.feedback_answer(
                actor=request.user, report=report, expected_status=seen, **form.cleaned_data
            )
            messages.success(request, _("The answer was published."))
            return redirect("community:feedback_handle", report_id=report.pk)
    return form_render(
        request,
        "community/feedback_handle.html",
        {
            "report": report,
            "form": form,
            "late": feedback.is_late(report),
            "events": [(e, action_label(e.action)) for e in selectors.feedback_timeline(report)],
        },
    )

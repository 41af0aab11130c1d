"""Citizen feedback pages: the public form, board and tracking page; the officers' queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from xaso.community import feedback, selectors
from xaso.community.forms import FeedbackAnswerForm, FeedbackForm
from xaso.community.models import FeedbackPhoto, FeedbackStatus
from xaso.community.permissions import HANDLE_FEEDBACK
from xaso.core.errors import DomainError
from xaso.core.forms import attach_error
from xaso.core.middleware import personal_data
from xaso.core.ratelimit import FEEDBACK_SUBMIT, FEEDBACK_TRACK, limit_request
from xaso.core.request_context import current_ip
from xaso.core.uploads import file_response
from xaso.places.selectors import commune_public


def feedback_new(request, code: str):
    limit_request(request, FEEDBACK_SUBMIT, methods=("POST",))
    commune = commune_public(code)
    form = FeedbackForm(request.POST or None, request.FILES or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            report = feedback.feedback_submit(
                actor=request.user, commune=commune, ip=current_ip(), **form.cleaned_data
            )
        except DomainError as exc:
            attach_error(form, exc)
        else:
            messages.success(
                request,
                _("Your report was received. Keep its code to follow it: %(code)s")
                % {"code": report.tracking_code},
            )
            return redirect("community:feedback_track", tracking_code=report.tracking_code)
    return render(
        request,
        "community/feedback_new.html",
        {"commune": commune, "form": form},
        status=422 if form.errors else 200,
    )


def feedback_board(request, code: str):
    commune = commune_public(code)
    rows = selectors.feedback_public(commune)
    return render(
        request,
        "community/feedback_board.html",
        {"commune": commune, "page": Paginator(rows, 20).get_page(request.GET.get("page"))},
    )


@personal_data
def feedback_track(request, tracking_code: str):
    limit_request(request, FEEDBACK_TRACK)
    report = selectors.feedback_by_code(tracking_code)
    return render(
        request, "community/feedback_track.html", {"report": report, "late": feedback.is_late(report)}
    )


def feedback_photo(request, photo_id: int):
    """A report's photo: the light web version (no EXIF) for the board, the original (`?goc=1`)
    for the officers who handle the commune's feedback."""
    photo = get_object_or_404(FeedbackPhoto.objects.select_related("report__commune"), pk=photo_id)
    original = (
        request.GET.get("goc") == "1"
        and request.user.is_authenticated
        and request.user.holds(HANDLE_FEEDBACK, commune=photo.report.commune)
    )
    if original or not photo.web:
        return file_response(photo.file, content_type=photo.content_type)
    return file_response(photo.web)


@login_required
def feedback_queue(request):
    commune = selectors.commune_of(request.user, HANDLE_FEEDBACK)
    rows = selectors.feedback_for(request.user, commune=commune).exclude(status=FeedbackStatus.MERGED)
    return render(
        request,
        "community/feedback_queue.html",
        {"commune": commune, "page": Paginator(rows, 30).get_page(request.GET.get("page"))},
    )


@login_required
def feedback_handle(request, report_id: int):
    report = selectors.feedback_one_for(request.user, report_id)
    form = FeedbackAnswerForm(request.POST or None, initial={"answer": report.answer})
    if request.method == "POST" and "into" in request.POST:
        try:
            into = selectors.feedback_by_code(request.POST["into"].strip().upper())
            feedback.feedback_merge(actor=request.user, report=report, into=into)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The report was merged."))
        return redirect("community:feedback_handle", report_id=report.pk)
    if request.method == "POST" and form.is_valid():
        try:
            feedback.feedback_answer(actor=request.user, report=report, **form.cleaned_data)
        except DomainError as exc:
            attach_error(form, exc)
        else:
            messages.success(request, _("The answer was published."))
            return redirect("community:feedback_handle", report_id=report.pk)
    return render(
        request,
        "community/feedback_handle.html",
        {"report": report, "form": form, "late": feedback.is_late(report)},
        status=422 if form.errors else 200,
    )

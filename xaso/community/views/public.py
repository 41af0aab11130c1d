"""Pages anyone opens without signing in: a commune's announcements and their attachments, the
acknowledgement link, the QR information pages, and citizen feedback (form, board, tracking
page, photos). Nothing here shows who reported or which officer acted."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from xaso.community import selectors
from xaso.community.forms import FeedbackForm
from xaso.community.models import Attachment, FeedbackPhoto, InfoKind
from xaso.community.permissions import HANDLE_FEEDBACK, MANAGE_INFO_PAGES
from xaso.community.services import feedback, infopages
from xaso.community.services.announcements import (
    AckLinkExpired,
    AckLinkInvalid,
    delivery_acknowledge,
    delivery_for_token,
)
from xaso.core.forms import form_refusals, form_render
from xaso.core.middleware import personal_data
from xaso.core.permissions import holds
from xaso.core.public_cache import public_page
from xaso.core.ratelimit import ACKNOWLEDGE, FEEDBACK_SUBMIT, FEEDBACK_TRACK, limit_request
from xaso.core.request_context import current_ip
from xaso.core.uploads import file_response
from xaso.places.selectors import commune_public, villages_of_commune


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
    except (AckLinkInvalid, AckLinkExpired) as exc:
        return render(request, "community/ack_problem.html", {"problem": exc}, status=exc.status)
    if request.method == "POST":
        delivery = delivery_acknowledge(token=token)
    return render(
        request, "community/ack.html", {"delivery": delivery, "announcement": delivery.announcement}
    )


def info_page(request, code: str, page_id: int):
    page = selectors.info_page_public(code, page_id)
    infopages.info_page_viewed(page)
    page.view_count += 1
    listing = infopages.household_listing(page) if page.kind == InfoKind.HOUSEHOLD_LIST else None
    return render(request, "community/info_page.html", {"page": page, "listing": listing})


def info_image(request, code: str, page_id: int):
    """The page's picture: its light web version for the public, the original (`?goc=1`) for
    the staff who manage the commune's pages."""
    page = selectors.info_page_public(code, page_id)
    original = (
        request.GET.get("goc") == "1"
        and request.user.is_authenticated
        and holds(request.user, MANAGE_INFO_PAGES, commune=page.commune)
    )
    stored = page.image if original or not page.image_web else page.image_web
    if not stored:
        raise Http404
    return file_response(stored)


def feedback_new(request, code: str):
    limit_request(request, FEEDBACK_SUBMIT, methods=("POST",))
    commune = commune_public(code)
    form = FeedbackForm(request.POST or None, request.FILES or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            report = feedback.feedback_submit(
                actor=request.user, commune=commune, ip=current_ip(), **form.cleaned_data
            )
            messages.success(
                request,
                _("Your report was received. Keep its code to follow it: %(code)s")
                % {"code": report.tracking_code},
            )
            return redirect("community:feedback_track", tracking_code=report.tracking_code)
    return form_render(request, "community/feedback_new.html", {"commune": commune, "form": form})


@public_page(lambda request, code: f"commune:{code}")
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
        and holds(request.user, HANDLE_FEEDBACK, commune=photo.report.commune)
    )
    if original or not photo.web:
        return file_response(photo.file, content_type=photo.content_type)
    return file_response(photo.web)

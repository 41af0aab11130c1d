"""QR information pages: the staff list and form, the A4 poster, the public page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xaso.community import infopages, selectors
from xaso.community.forms import InfoPageForm
from xaso.community.models import InfoKind
from xaso.community.permissions import MANAGE_INFO_PAGES
from xaso.core.errors import DomainError
from xaso.core.forms import attach_error
from xaso.core.uploads import file_response


@login_required
def info_pages(request):
    commune = selectors.commune_of(request.user, MANAGE_INFO_PAGES)
    form = InfoPageForm(request.POST or None, request.FILES or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            page = infopages.info_page_create(actor=request.user, commune=commune, **form.cleaned_data)
        except DomainError as exc:
            attach_error(form, exc)
        else:
            messages.success(request, _("The page was published. Print its poster."))
            return redirect("community:info_page", code=commune.code, page_id=page.pk)
    return render(
        request,
        "community/info_pages.html",
        {"commune": commune, "form": form, "pages": selectors.info_pages_for(request.user, commune=commune)},
        status=422 if form.errors else 200,
    )


@login_required
def info_poster(request, page_id: int):
    page = selectors.info_page_for(request.user, page_id)
    response = HttpResponse(infopages.poster_pdf(page), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-{page.pk}.pdf"'
    return response


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
        and request.user.holds(MANAGE_INFO_PAGES, commune=page.commune)
    )
    stored = page.image if original or not page.image_web else page.image_web
    if not stored:
        raise Http404
    return file_response(stored)

"""Public wifi and digital-support points: the staff pages that keep the list and the map
(MANAGE_INFO_PAGES, the staff who manage the QR information pages), and the public page and
map picture the commune portal links to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.community import selectors
from xaso.community.forms import PointMapForm, PublicPointForm
from xaso.community.permissions import MANAGE_INFO_PAGES, NO_COMMUNE
from xaso.community.portal import points_context
from xaso.community.services import points as point_services
from xaso.core.forms import form_refusals, form_render
from xaso.core.uploads import file_response
from xaso.places.selectors import commune_of, commune_public


def _initial(point) -> dict:
    return {
        "kind": point.kind,
        "name": point.name,
        "village": point.village_id,
        "address": point.address,
        "opening_hours": point.opening_hours,
        "x_percent": point.x_percent,
        "y_percent": point.y_percent,
    }


@login_required
def points_manage(request):
    """The commune's points, a form to add one, and the map picture."""
    commune = commune_of(request.user, MANAGE_INFO_PAGES, message=NO_COMMUNE)
    form = PublicPointForm(request.POST or None, commune=commune)
    map_form = PointMapForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("do") == "map":
        form = PublicPointForm(commune=commune)
        if map_form.is_valid():
            with form_refusals(map_form):
                point_services.point_map_upload(
                    actor=request.user, commune=commune, image=map_form.cleaned_data["image"]
                )
                messages.success(request, _("The map picture was saved."))
                return redirect("community:points")
    elif request.method == "POST" and request.POST.get("do") == "unmap":
        point_services.point_map_remove(actor=request.user, commune=commune)
        messages.success(request, _("The portal now draws the schematic map of the villages."))
        return redirect("community:points")
    elif request.method == "POST":
        map_form = PointMapForm()
        if form.is_valid():
            with form_refusals(form):
                point_services.public_point_save(actor=request.user, commune=commune, data=form.cleaned_data)
                messages.success(request, _("The point was added."))
                return redirect("community:points")
    bad = form if form.errors else map_form
    return form_render(
        request,
        "community/points.html",
        {
            "commune": commune,
            "form": form,
            "map_form": map_form,
            "points": selectors.public_points_for(request.user, commune=commune),
            "picture": selectors.point_map_public(commune),
        },
        form=bad,
    )


@login_required
def point_edit(request, point_id: int):
    point = selectors.public_point_for(request.user, point_id)
    form = PublicPointForm(request.POST or None, initial=_initial(point), commune=point.commune)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            point_services.public_point_save(
                actor=request.user, commune=point.commune, point=point, data=form.cleaned_data
            )
            messages.success(request, _("The point was saved."))
            return redirect("community:points")
    return form_render(request, "community/point_edit.html", {"form": form, "point": point})


@login_required
@require_POST
def point_delete(request, point_id: int):
    point = selectors.public_point_for(request.user, point_id)
    point_services.public_point_delete(actor=request.user, point=point)
    messages.success(request, _("The point was removed."))
    return redirect("community:points")


def public_points(request, code: str):
    """Every wifi and digital-support point of the commune, with the map."""
    commune = commune_public(code)
    return render(
        request,
        "community/public_points.html",
        {"commune": commune, "ctx": points_context(request, commune, limit=None)},
    )


def point_map_image(request, code: str):
    """The map picture the points sit on: its light web version."""
    picture = selectors.point_map_public(commune_public(code))
    if picture is None:
        raise Http404
    return file_response(picture.image_web or picture.image)

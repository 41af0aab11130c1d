from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xaso.accounts.services import own_profile_ensure, personal_data_export, profile_update
from xaso.core.dashboard import cards_with_figures
from xaso.core.forms import form_refusals, form_render
from xaso.places import selectors as places
from xaso.places.models import Commune
from xaso.places.services import MANAGE_VILLAGES, village_create, village_update
from xaso.web.citizen import citizen_page
from xaso.web.forms import ProfileForm, VillageForm


@login_required
def dashboard(request):
    user = request.user
    is_citizen = user.is_citizen_only
    return render(
        request,
        "web/dashboard.html",
        {
            "memberships": user.active_memberships,
            "cards": cards_with_figures(user),
            "is_citizen": is_citizen,
            **(citizen_page(request) if is_citizen else {}),
        },
    )


@login_required
def profile(request):
    profile = own_profile_ensure(actor=request.user)
    initial = {
        "full_name": profile.full_name,
        "date_of_birth": profile.date_of_birth,
        "sex": profile.sex,
        "personal_id": profile.personal_id or "",
        "phone": profile.phone,
        "email": profile.email,
        "address": profile.address,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            profile_update(
                actor=request.user, profile=profile, data={**form.cleaned_data, "village": profile.village}
            )
            messages.success(request, _("Your information was saved."))
            return redirect("web:profile")
    return form_render(request, "web/profile.html", {"form": form, "profile": profile})


@login_required
def my_data(request):
    """Everything kept about the signed-in person, as a JSON download."""
    data = personal_data_export(actor=request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="xaso-{request.user.pk}.json"'
    return response


def _managed_commune(request) -> Commune:
    return places.commune_of(
        request.user, MANAGE_VILLAGES, message=_("You do not manage any commune's villages.")
    )


@login_required
def villages(request):
    commune = _managed_commune(request)
    q = request.GET.get("q", "").strip()
    listing = places.villages_for(request.user, q=q, perm=MANAGE_VILLAGES).filter(commune=commune)
    form = VillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            village_create(actor=request.user, commune=commune, **form.cleaned_data)
            messages.success(request, _("The village was added."))
            return redirect("web:villages")
    return form_render(
        request,
        "web/villages.html",
        {
            "commune": commune,
            "q": q,
            "form": form,
            "page": Paginator(listing, 25).get_page(request.GET.get("page")),
        },
    )


@login_required
def village_edit(request, village_id: int):
    village = places.village_for(request.user, village_id, perm=MANAGE_VILLAGES)
    form = VillageForm(
        request.POST or None,
        initial={
            "name": village.name,
            "kind": village.kind,
            "head_name": village.head_name,
            "head_phone": village.head_phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            village_update(actor=request.user, village=village, **form.cleaned_data)
            messages.success(request, _("The village was saved."))
            return redirect("web:villages")
    return form_render(request, "web/village_edit.html", {"village": village, "form": form})

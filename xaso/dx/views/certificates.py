"""The province supervisor's decision certificates (/cds/tinh/chung-thu/): the ones enrolled for
their province and the form to enrol the one they hold (dx.services.decision_enrolment)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.errors import NotAllowed
from xaso.core.forms import form_refusals, form_render
from xaso.core.tenancy import scope_of
from xaso.dx.forms import DecisionCredentialForm
from xaso.dx.models import DecisionCredential
from xaso.dx.permissions import REVIEW
from xaso.dx.services.decision_enrolment import decision_credential_enrol
from xaso.places.models import Province


def _province(request) -> Province:
    scope = scope_of(request.user, REVIEW)
    provinces = (
        Province.objects.all() if scope.everything else Province.objects.filter(code__in=scope.province_codes)
    )
    code = (request.GET.get("tinh") or "")[:10]
    province = (provinces.filter(code=code) if code else provinces).order_by("code").first()
    if province is None:
        raise NotAllowed(_("You do not supervise a province."))
    return province


@login_required
def decision_certificates(request):
    province = _province(request)
    form = DecisionCredentialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            credential = decision_credential_enrol(actor=request.user, province=province, **form.cleaned_data)
            until = timezone.localtime(credential.not_after).strftime("%d/%m/%Y")
            messages.success(
                request,
                _("The certificate “%(label)s” was enrolled; it is valid until %(date)s.")
                % {"label": credential.label, "date": until},
            )
            return redirect(request.get_full_path())
    credentials = DecisionCredential.objects.filter(province=province).order_by("revoked_at", "-not_after")
    return form_render(
        request,
        "dx/decision_certificates.html",
        {"province": province, "form": form, "credentials": credentials, "now": timezone.now()},
    )

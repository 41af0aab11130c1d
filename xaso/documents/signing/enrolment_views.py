"""The certificates page (/van-ban/chung-thu/): a holder sees the certificates they sign with
(and the clerk the commune's seal), when each expires, and enrols a new one: a PKCS#12 file, a
USB token or a remote signing account (signing/enrolment.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.errors import NotAllowed, NotFound
from xaso.core.forms import form_refusals, form_render
from xaso.core.permissions import holds
from xaso.core.tenancy import scope_of
from xaso.documents.exchange.key_enrolment import exchange_key_enrol
from xaso.documents.models import Agency, KeySourceKind, SigningCredential
from xaso.documents.permissions import ENROL_SEAL, SIGN
from xaso.documents.signing import enrolment
from xaso.documents.signing.expiry import expiring_soon
from xaso.documents.signing.forms import EnrolForm, ExchangeKeyForm
from xaso.places.models import Commune
from xaso.places.selectors import commune_of


def _commune_and_purposes(request) -> tuple[Commune, list[str]]:
    """The commune whose certificates the page shows and what the viewer may enrol there. An
    administrator (no commune of their own) names it with ?xa=CODE."""
    code = (request.GET.get("xa") or "")[:20]
    if code:
        commune = Commune.objects.for_actor(request.user, ENROL_SEAL).filter(code=code).first()
        if commune is None:
            raise NotFound(_("This commune was not found."))
    else:
        try:
            commune = commune_of(request.user, SIGN, own=True)
        except NotAllowed:
            # The clerk's commune; an administrator (no commune of their own) gets the first.
            commune = commune_of(
                request.user, ENROL_SEAL, message=_("You do not enrol certificates for a commune.")
            )
    purposes = []
    # A personal certificate: only where the viewer's own membership lets them sign.
    if commune.code in scope_of(request.user, SIGN).commune_codes:
        purposes.append("personal")
    if holds(request.user, ENROL_SEAL, commune=commune):
        purposes.append("seal")
    if not purposes:
        raise NotAllowed(_("You do not enrol certificates for a commune."))
    return commune, purposes


def _listed(request, commune, purposes):
    shown = Q(holder=request.user) if "personal" in purposes else Q(pk__in=[])
    if "seal" in purposes:
        shown |= Q(holder__isnull=True)
    return SigningCredential.objects.filter(shown, commune=commune).order_by("revoked_at", "-not_after")


def _enrol(request, commune, data) -> SigningCredential:
    common = {
        "actor": request.user,
        "commune": commune,
        "seal": data["purpose"] == "seal",
        "label": data["label"],
        "position": data["position"],
    }
    if data["source"] == KeySourceKind.PKCS12:
        return enrolment.credential_enrol_pkcs12(
            **common, pkcs12=data["pkcs12"], passphrase=data["passphrase"]
        )
    if data["source"] == KeySourceKind.PKCS11:
        return enrolment.credential_enrol_token(
            **common, token_label=data["token"], key_label=data["key_label"], pin=data["pin"]
        )
    return enrolment.credential_enrol_remote(
        **common, service_url=data["service_url"], credential_id=data["credential_id"]
    )


def _exchange_key(request, commune):
    """The exchange-key form of an administrator: (form, saved?)."""
    if not request.user.is_superuser:
        return None, False
    agency = Agency.objects.filter(commune=commune).first()
    posted = request.method == "POST" and request.POST.get("exchange-form") == "exchange"
    initial = {
        "code": agency.code if agency else commune.code,
        "name": agency.name if agency else commune.name,
    }
    form = ExchangeKeyForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=initial,
        prefix="exchange",
    )
    form.agency = agency
    if posted and form.is_valid():
        data = form.cleaned_data
        with form_refusals(form):
            exchange_key_enrol(
                actor=request.user,
                commune=commune,
                code=data["code"],
                name=data["name"],
                base_url=data["base_url"],
                pkcs12=data["pkcs12"],
                passphrase=data["passphrase"],
            )
            messages.success(request, _("The commune's exchange key was installed."))
            return form, True
    return form, False


@login_required
def certificates(request):
    commune, purposes = _commune_and_purposes(request)
    exchange_form, saved = _exchange_key(request, commune)
    if saved:
        return redirect(request.get_full_path())
    tokens = enrolment.tokens_present()
    enrolling = request.method == "POST" and request.POST.get("exchange-form") != "exchange"
    form = EnrolForm(
        request.POST if enrolling else None,
        request.FILES if enrolling else None,
        purposes=purposes,
        tokens=tokens,
    )
    if enrolling and form.is_valid():
        data = form.cleaned_data
        with form_refusals(form):
            if data["source"] == KeySourceKind.CSC and not data["credential_id"]:
                # First step of a remote account: list what the service offers, then choose.
                form.credential_ids = enrolment.remote_credentials_list(service_url=data["service_url"])
                if not form.credential_ids:
                    form.add_error("credential_id", _("The service lists no account for you."))
                elif len(form.credential_ids) > 1:
                    form.add_error("credential_id", _("Choose one of the accounts the service lists."))
            if not form.errors:
                credential = _enrol(request, commune, data)
                until = timezone.localtime(credential.not_after).strftime("%d/%m/%Y")
                messages.success(
                    request,
                    _("The certificate “%(label)s” was enrolled; it is valid until %(date)s.")
                    % {"label": credential.label, "date": until},
                )
                return redirect(request.get_full_path())
    listed = list(_listed(request, commune, purposes))
    status = 422 if form.errors or (exchange_form is not None and exchange_form.errors) else None
    return form_render(
        request,
        "documents/certificates.html",
        {
            "commune": commune,
            "form": form,
            "exchange_form": exchange_form,
            "credentials": listed,
            "expiring": {c.pk for c in expiring_soon(listed)},
            "now": timezone.now(),
        },
        status=status,
    )

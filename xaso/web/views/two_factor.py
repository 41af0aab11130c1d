from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token

from xaso.accounts.two_factor import has_confirmed_device, totp_device_pending
from xaso.core.audit import audit_record
from xaso.core.forms import form_render
from xaso.core.qr import qr_svg


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("6-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


def _next(request) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/bang-dieu-khien/"


@login_required
def two_factor(request):
    """Verify the second factor, or enrol an authenticator app on first use."""
    enrolling = not has_confirmed_device(request.user)
    device = totp_device_pending(request.user) if enrolling else None
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if enrolling:
            verified = device if device.verify_token(code) else None
            if verified:
                verified.confirmed = True
                verified.save(update_fields=["confirmed"])
                audit_record(actor=request.user, action="two_factor.enrol", target=request.user)
        else:
            verified = match_token(request.user, code)
        if verified:
            otp_login(request, verified)
            messages.success(request, _("Two-step verification done."))
            return redirect(_next(request))
        audit_record(actor=request.user, action="two_factor.refused", target=request.user)
        form.add_error("code", _("This code is wrong or has expired. Enter the code your app shows now."))
    context = {"form": form, "enrolling": enrolling, "next": _next(request)}
    if enrolling:
        context.update(
            qr=qr_svg(device.config_url), secret=device.config_url.split("secret=")[1].split("&")[0]
        )
    return form_render(request, "web/two_factor.html", context)

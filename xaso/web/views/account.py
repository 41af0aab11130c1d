"""The signed-in person's own security: API tokens (list, revoke), password change, and the
password reset for someone who cannot sign in (a code sent by SMS or e-mail through notify)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaso.accounts.passwords import password_change, password_reset_confirm, password_reset_request
from xaso.accounts.services import api_token_revoke, api_tokens_of
from xaso.core.forms import form_refusals
from xaso.notify.services import notify_send

RESET_SESSION_KEY = "password_reset_identifier"


def _password_field(label, autocomplete="new-password"):
    return forms.CharField(
        label=label,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class PasswordChangeForm(forms.Form):
    current_password = _password_field(gettext_lazy("Current password"), "current-password")
    new_password = _password_field(gettext_lazy("New password"))


class ResetRequestForm(forms.Form):
    identifier = forms.CharField(
        label=gettext_lazy("Phone number or e-mail of your account"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )


class ResetConfirmForm(forms.Form):
    identifier = forms.CharField(label=gettext_lazy("Phone number or e-mail of your account"), max_length=254)
    code = forms.CharField(
        label=gettext_lazy("The 6-digit code we sent"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    new_password = _password_field(gettext_lazy("New password"))


def _status(form, status: int) -> int:
    """The refusal's own status (422, or 429 when backing off), 422 for a form error, else 200."""
    if status != 200:
        return status
    return 422 if form.errors else 200


@login_required
def tokens(request):
    """The user's API tokens that can still be used, each with a revoke button."""
    return render(request, "web/tokens.html", {"tokens": api_tokens_of(request.user)})


@login_required
@require_POST
def token_revoke(request, token_id: int):
    api_token_revoke(actor=request.user, token_id=token_id)
    messages.success(request, _("The token was revoked."))
    return redirect("web:tokens")


@login_required
def password_change_page(request):
    form = PasswordChangeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        with form_refusals(form) as refused:
            password_change(actor=request.user, **form.cleaned_data)
            # Keep this session; every other session and every API token of the user ends.
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Your password was changed. Your API tokens were revoked."))
            return redirect("web:profile")
        status = refused.status
    return render(request, "web/password_change.html", {"form": form}, status=_status(form, status))


def _send_reset_code(user, channel: str, code: str) -> None:
    notify_send(
        recipient=user,
        subject=_("Your password reset code"),
        body=_(
            "Your Xã Số password reset code is %(code)s. It is valid for 15 minutes. Never give it to anyone."
        )
        % {"code": code},
        channels=(channel,),
        ref=f"password_reset:{user.pk}",
    )


def password_reset(request):
    """Ask for a code. The answer is the same whether or not an account exists."""
    form = ResetRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"]
        with form_refusals(form) as refused:
            password_reset_request(identifier=identifier, send_code=_send_reset_code)
            request.session[RESET_SESSION_KEY] = identifier
            messages.info(
                request,
                _("If an account uses this phone number or e-mail, a code was sent to it."),
            )
            return redirect("web:password_reset_confirm")
        status = refused.status
    return render(request, "web/password_reset.html", {"form": form}, status=_status(form, status))


def password_reset_confirm_page(request):
    """Enter the code and a new password."""
    initial = {"identifier": request.session.get(RESET_SESSION_KEY, "")}
    form = ResetConfirmForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        with form_refusals(form) as refused:
            password_reset_confirm(**form.cleaned_data)
            request.session.pop(RESET_SESSION_KEY, None)
            messages.success(request, _("Your password was changed. Sign in with it."))
            return redirect("web:login")
        status = refused.status
    return render(request, "web/password_reset_confirm.html", {"form": form}, status=_status(form, status))

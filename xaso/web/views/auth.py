from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xaso.accounts.identity import mask_phone
from xaso.accounts.registration import SignupStarted, signup_confirm, signup_start
from xaso.core.api.problems import problem_response
from xaso.core.forms import form_refusals
from xaso.core.ratelimit import REGISTER, limit_request
from xaso.core.visitor import remembered_commune_code
from xaso.notify.channels import Recipient, channel_get
from xaso.notify.services import notify_send
from xaso.places import selectors as places
from xaso.places.models import Commune
from xaso.web.forms import LoginForm, RegisterForm, SignupCodeForm
from xaso.web.views.public import search_text


class XasoLoginView(LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    # The staff session's length and the sign-in audit are set for every door at once by
    # xaso.accounts.signin (user_logged_in), the admin's sign-in included.


def locked_out(request, credentials=None, *args, **kwargs):
    """Axes calls this when an account is throttled: a problem body for the API, a page else."""
    message = _("Too many wrong attempts. Wait 15 minutes and try again, or ask the commune office.")
    if request.path.startswith("/api/"):
        return problem_response(429, message, code="locked_out")
    return render(request, "web/locked_out.html", {"message": message}, status=429)


SIGNUP_SESSION_KEY = "xaso_signup"


def _masked(address: str) -> str:
    if "@" in address:
        name, _at, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    return mask_phone(address)


def _send_code(started: SignupStarted) -> None:
    recipient = (
        Recipient(name=started.full_name, phone=started.address)
        if started.channel == "sms"
        else Recipient(name=started.full_name, email=started.address)
    )
    notify_send(
        recipient=recipient,
        subject=_("Your registration code"),
        body=_(
            "Your Xã Số registration code is %(code)s. It is valid for 15 minutes. Do not give it to anyone."
        )
        % {"code": started.code},
        channels=(started.channel,),
        ref=f"signup:{started.pending_id}",
    )


COMMUNE_CHOICES = 20


def _register_commune(request) -> Commune | None:
    """The commune the registration is for: the one posted with the form, else the one picked
    from the search (`?xa=`), else the one the visitor last opened (unless they asked to change)."""
    if request.method == "POST":
        code = request.POST.get("commune", "")
    else:
        code = request.GET.get("xa", "")
        if not code and "doi" not in request.GET and "xa_q" not in request.GET:
            code = remembered_commune_code(request)
    code = code.strip()[:5]
    if not code.isdigit():
        return None
    return Commune.objects.select_related("province").filter(code=code).first()


def register(request):
    """Step 1: the commune, found by name (a search, then a choice list: links, so it works
    without JavaScript), then the details. The answer is the same whether the phone or e-mail
    has an account (xaso/accounts/registration.py); the code goes to it either way."""
    limit_request(request, REGISTER, methods=("POST",))
    commune = _register_commune(request)
    form = RegisterForm(request.POST or None, commune=commune)
    status = 200 if request.method != "POST" else 422
    if request.method == "POST" and form.is_valid():
        with form_refusals(form) as refused:
            with transaction.atomic():
                started = signup_start(**form.cleaned_data)
                _send_code(started)
            request.session[SIGNUP_SESSION_KEY] = {"id": started.pending_id, "to": _masked(started.address)}
            if settings.SHOW_UNSENT_CODES and not channel_get(started.channel).configured():
                # A demo or development server has no SMS gateway: show the code so the journey can be tried.
                messages.info(
                    request, _("Development server: the code is %(code)s.") % {"code": started.code}
                )
            return redirect("web:register_confirm")
        status = refused.status
    q = search_text(request.GET.get("xa_q", "")) if commune is None else ""
    choices = None
    if q:
        choices = list(places.communes_search(q=q).select_related("province")[: COMMUNE_CHOICES + 1])
    return render(
        request,
        "web/register.html",
        {
            "form": form,
            "commune": commune,
            "q": q,
            "choices": choices[:COMMUNE_CHOICES] if choices is not None else None,
            "more_choices": choices is not None and len(choices) > COMMUNE_CHOICES,
        },
        status=status,
    )


def register_confirm(request):
    """Step 2: the code. Only now is the account created and signed in."""
    pending = request.session.get(SIGNUP_SESSION_KEY)
    if not pending:
        return redirect("web:register")
    form = SignupCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            with form_refusals(form) as refused:
                user = signup_confirm(pending_id=pending["id"], code=form.cleaned_data["code"])
                request.session.pop(SIGNUP_SESSION_KEY, None)
                login(request, user, backend="xaso.accounts.backends.LoginBackend")
                messages.success(request, _("Your account is ready."))
                return redirect("web:dashboard")
            status = refused.status
    return render(
        request, "web/register_confirm.html", {"form": form, "sent_to": pending["to"]}, status=status
    )

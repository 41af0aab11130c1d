from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xaso.accounts.services import citizen_register
from xaso.core.api.problems import problem_response
from xaso.core.errors import DomainError
from xaso.core.forms import attach_error
from xaso.core.ratelimit import REGISTER, limit_request
from xaso.web.forms import LoginForm, RegisterForm


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


def register(request):
    limit_request(request, REGISTER, methods=("POST",))
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = citizen_register(**form.cleaned_data)
        except DomainError as exc:
            attach_error(form, exc)
        else:
            login(request, user, backend="xaso.accounts.backends.LoginBackend")
            messages.success(request, _("Your account is ready."))
            return redirect("web:dashboard")
    return render(request, "web/register.html", {"form": form}, status=200 if not form.errors else 422)

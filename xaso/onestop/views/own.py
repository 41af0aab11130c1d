"""Two steps on a filed dossier that deserve their own page rather than one tap on its page:
withdrawing it (a confirmation with the reason, which the timeline keeps) and answering a
supplement request (the papers asked for and the resubmission in one form, refused with nothing
attached and shown again with what was typed). Both go through `dossier_act`, so through the
workflow table."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.forms import form_refusals, form_render
from xaso.onestop import selectors as sel
from xaso.onestop.models import Status
from xaso.onestop.services.lifecycle import WITHDRAW_REASON_MAX, dossier_act
from xaso.onestop.services.papers import dossier_file_add
from xaso.onestop.workflow import DOSSIER_FLOW, dossier_actions


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why do you withdraw this dossier?"),
        max_length=WITHDRAW_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say why you withdraw the dossier.")},
        help_text=gettext_lazy("The commune sees it in the dossier's timeline."),
    )


class SupplementForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Which paper"), max_length=200, required=False)
    file = forms.FileField(
        label=gettext_lazy("The paper asked for (PDF, JPEG or PNG, up to 10 MB)"), required=False
    )


def _may_ever(dossier, actor, action: str) -> None:
    """A page for a step the actor could never take on this dossier is refused (403)."""
    refusal = DOSSIER_FLOW.refusal(dossier, action, actor, role_first=True)
    if isinstance(refusal, NotAllowed):
        raise refusal


def _offered(dossier, actor, action: str) -> None:
    if action not in dossier_actions(dossier, actor):
        raise Conflict(_("This step is not open for this dossier now."), field="action")


@login_required
def withdraw(request, code: str):
    """Withdraw a dossier after a confirmation with the reason (the citizen only)."""
    found = sel.dossier_for(request.user, code)
    _may_ever(found, request.user, "withdraw")
    form = WithdrawForm(request.POST or None)
    offered = "withdraw" in dossier_actions(found, request.user)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            _offered(found, request.user, "withdraw")
            dossier_act(
                actor=request.user,
                dossier=found,
                action="withdraw",
                note=form.cleaned_data["note"],
                expected_status=request.POST.get("expected_status") or None,
            )
            messages.success(request, _("Your dossier was withdrawn."))
            return redirect("onestop:dossier", code=found.code)
    return form_render(request, "onestop/withdraw.html", {"dossier": found, "form": form, "offered": offered})


def _asked(dossier) -> str:
    """What the officer asked for in the latest supplement request (its note)."""
    event = dossier.events.filter(to_status=Status.SUPPLEMENT_REQUESTED).order_by("-at").first()
    return event.note if event else ""


@login_required
def supplement(request, code: str):
    """Answer a supplement request: attach the paper and resubmit in one step. Nothing attached
    since the request is refused beside the file field; the form stays with what was typed."""
    found = sel.dossier_for(request.user, code)
    _may_ever(found, request.user, "resubmit")
    form = SupplementForm(request.POST or None, request.FILES or None)
    offered = "resubmit" in dossier_actions(found, request.user)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            _offered(found, request.user, "resubmit")
            upload = form.cleaned_data["file"]
            if upload is None and not sel.supplement_brought(found, None):
                raise InvalidInput(
                    _("Attach the paper asked for before sending the supplement."), field="file"
                )
            # The paper and the resubmission stand or fall together.
            with transaction.atomic():
                if upload is not None:
                    dossier_file_add(
                        actor=request.user, dossier=found, upload=upload, label=form.cleaned_data["label"]
                    )
                dossier_act(
                    actor=request.user,
                    dossier=found,
                    action="resubmit",
                    expected_status=request.POST.get("expected_status") or None,
                )
            messages.success(request, _("Your supplement was sent. The commune goes on with the dossier."))
            return redirect("onestop:dossier", code=found.code)
    return form_render(
        request,
        "onestop/supplement.html",
        {
            "dossier": found,
            "form": form,
            "offered": offered,
            "asked": _asked(found),
            "files": found.files.all(),
        },
    )

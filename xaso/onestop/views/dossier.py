"""One dossier, for its citizen and the commune's officers: the page (timeline, answers,
papers, actions, fee, signed result), the actions taken from it, papers, the receipt and the
apology letter as PDFs, and the citizen's rating."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaso.core.bounds import parse_date
from xaso.core.calendar import to_local
from xaso.core.errors import USER_ERRORS, Conflict, InvalidInput, NotAllowed, NotFound
from xaso.core.formats import answers_shown
from xaso.core.pdf import render_pdf
from xaso.core.qr import qr_png_data_uri
from xaso.core.uploads import file_response
from xaso.onestop import selectors as sel
from xaso.onestop.fees import fee_summary
from xaso.onestop.issuance import can_issue, issuance_of, seal_of
from xaso.onestop.models import DossierFile, RatingLevel, Status
from xaso.onestop.results import result_credentials_for, signed_result_of
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.services.papers import dossier_file_add, dossier_files_check
from xaso.onestop.services.ratings import dossier_rate as rating_give
from xaso.onestop.services.reading import dossier_view_record
from xaso.onestop.views.fees import fee_context
from xaso.onestop.workflow import action_label, dossier_actions

OWN_STEPS = ("withdraw", "resubmit")


class UploadForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Which paper"), max_length=200, required=False)
    file = forms.FileField(label=gettext_lazy("File (PDF, JPEG or PNG, up to 10 MB)"))


@login_required
def dossier(request, code: str):
    found = sel.dossier_for(request.user, code)
    dossier_view_record(actor=request.user, dossier=found)
    allowed = [(a, action_label(found.status, a)) for a in dossier_actions(found, request.user)]
    commune = found.commune
    signed = signed_result_of(found)
    return render(
        request,
        "onestop/dossier.html",
        {
            "dossier": found,
            "views": sel.dossier_views_for(request.user, found),
            "due_state": sel.due_state(found),
            "events": sel.timeline_for(request.user, found),
            "sees_internal": sel.sees_internal_notes(request.user, found),
            "files": found.files.all(),
            "can_open_papers": sel.sees_full_numbers(request.user, found),
            "actions": allowed,
            # Withdrawing and answering a supplement request have their own pages (views.own).
            "own_steps": [(a, label) for a, label in allowed if a in OWN_STEPS],
            "buttons": [(a, label) for a, label in allowed if a not in OWN_STEPS],
            "needs_assignee": any(a == "assign" for a, _label in allowed),
            "can_apologise": any(a == "apologise" for a, _label in allowed),
            "officers": sel.assignable_officers(commune) if allowed else [],
            "answers": _answers(request.user, found),
            "is_owner": found.citizen_id == request.user.pk,
            "can_rate": found.citizen_id == request.user.pk
            and found.status == Status.DELIVERED
            and not hasattr(found, "rating"),
            "rating_levels": RatingLevel.choices,
            "can_upload": _can_upload(request.user, found),
            "upload": UploadForm(),
            **fee_context(request.user, found),
            "signed_result": signed,
            "sign_credentials": [] if signed else result_credentials_for(request.user, found),
            **_issuance_context(request.user, found, signed),
        },
    )


def _issuance_context(actor, dossier, signed) -> dict:
    """The signed result's issuance: done (its number), or the clerk's form with the seal."""
    if signed is None:
        return {}
    issuance = issuance_of(dossier)
    may_issue = issuance is None and can_issue(actor, dossier)
    return {
        "issuance": issuance,
        "can_issue_result": may_issue,
        "issue_seal": seal_of(actor, dossier) if may_issue else None,
    }


def _can_upload(actor, dossier) -> bool:
    try:
        dossier_files_check(actor=actor, dossier=dossier)
    except (NotAllowed, Conflict):
        return False
    return True


def _answers(actor, dossier) -> list[tuple[str, str]]:
    """The answers with their labels; phones and personal IDs masked for readers who only read."""
    return answers_shown(dossier.procedure.form, sel.dossier_answers_for(actor, dossier))


@login_required
@require_POST
def dossier_action(request, code: str):
    found = sel.dossier_for(request.user, code)
    # Withdrawing is never one tap: it is confirmed, with a reason, on its own page.
    if request.POST.get("action") == "withdraw":
        return redirect("onestop:withdraw", code=found.code)
    assignee = None
    if request.POST.get("assignee"):
        assignee = sel.assignable_officers(found.commune).filter(pk=request.POST["assignee"]).first()
    try:
        dossier_act(
            actor=request.user,
            dossier=found,
            action=request.POST.get("action", ""),
            note=request.POST.get("note", ""),
            internal=request.POST.get("note_for") != "citizen",
            assignee=assignee,
            expected_status=request.POST.get("expected_status") or None,
            new_date=parse_date(request.POST.get("new_date"), field="new_date", label=_("The new date")),
        )
    except USER_ERRORS as exc:
        # The right person at the wrong moment: say why on the dossier page. NotAllowed is a 403.
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Done."))
    return redirect("onestop:dossier", code=found.code)


@login_required
@require_POST
def dossier_upload(request, code: str):
    found = sel.dossier_for(request.user, code)
    try:
        dossier_files_check(actor=request.user, dossier=found)
    except Conflict as exc:
        messages.error(request, str(exc.message))
        return redirect("onestop:dossier", code=found.code)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("onestop:dossier", code=found.code)
    try:
        dossier_file_add(
            actor=request.user,
            dossier=found,
            upload=form.cleaned_data["file"],
            label=form.cleaned_data["label"],
        )
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The paper was added."))
    return redirect("onestop:dossier", code=found.code)


@login_required
def dossier_file(request, code: str, file_id: int):
    found = sel.dossier_for(request.user, code)
    # Papers are scans of ID cards and certificates: they cannot be masked, so only the citizen
    # and the staff who process the dossier open them (a supervisor or a clerk sees the list).
    if not sel.sees_full_numbers(request.user, found):
        raise NotAllowed(
            _("A dossier's papers are open only to its citizen and the officers who process it.")
        )
    paper = DossierFile.objects.filter(dossier=found, pk=file_id).first()
    if paper is None:
        raise NotFound(_("Paper not found."))
    dossier_view_record(actor=request.user, dossier=found)
    return file_response(paper.file, content_type=paper.content_type)


def lookup_url(dossier) -> str:
    """The address the receipt's QR code carries: the public lookup with the dossier's token."""
    return f"{settings.SITE_URL}{reverse('onestop:lookup')}?ma={dossier.code}&t={dossier.token}"


@login_required
def receipt(request, code: str):
    """The receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả) as a PDF with the lookup QR."""
    found = sel.dossier_for(request.user, code)
    if found.received_at is None:
        raise NotFound(_("This dossier has no receipt yet."))
    # The receipt carries the applicant's name and phone: a staff download is a reading too.
    dossier_view_record(actor=request.user, dossier=found)
    url = lookup_url(found)
    fee = fee_summary(found)
    pdf = render_pdf(
        "onestop/receipt_pdf.html",
        {
            "dossier": found,
            "commune": found.commune,
            "files": found.files.all(),
            "received": to_local(found.received_at),
            "qr": qr_png_data_uri(url),
            "lookup_url": url,
            "officer": found.received_by.full_name if found.received_by else "",
            "applicant_phone": sel.applicant_phone_for(request.user, found),
            "fee": fee,
            "fee_qr": qr_png_data_uri(fee["request"].payload) if fee["payable"] else "",
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{found.code}.pdf"'
    return response


@login_required
def apology(request, code: str):
    """The apology letter of a late dossier (phiếu xin lỗi và hẹn lại ngày trả kết quả), PDF."""
    found = sel.dossier_for(request.user, code)
    if found.apology_date is None:
        raise NotFound(_("This dossier has no apology letter."))
    dossier_view_record(actor=request.user, dossier=found)
    pdf = render_pdf(
        "onestop/apology_pdf.html",
        {
            "dossier": found,
            "received": to_local(found.received_at).strftime("%d/%m/%Y"),
            "due": found.due_date.strftime("%d/%m/%Y"),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="xin-loi-{found.code}.pdf"'
    return response


@login_required
@require_POST
def dossier_rate(request, code: str):
    found = sel.dossier_for(request.user, code)
    try:
        level = int(request.POST.get("level", "0"))
    except ValueError:
        level = 0
    try:
        rating_give(actor=request.user, dossier=found, level=level, comment=request.POST.get("comment", ""))
    except (Conflict, InvalidInput) as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Thank you for your rating."))
    return redirect("onestop:dossier", code=found.code)

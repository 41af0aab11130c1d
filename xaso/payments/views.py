from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core.errors import InvalidInput, NotFound
from xaso.core.forms import attach_error, form_refusals, form_render
from xaso.core.pdf import render_pdf
from xaso.core.permissions import holds, require
from xaso.core.qr import qr_png, qr_png_data_uri
from xaso.payments import selectors
from xaso.payments.banks import bank_by_bin
from xaso.payments.forms import (
    CashPaymentForm,
    CollectionAccountForm,
    LineResolveForm,
    PaymentRequestForm,
    StatementImportForm,
)
from xaso.payments.models import NEEDS_REVIEW, PAYABLE, ColumnMapping, PaymentMethod, RequestStatus
from xaso.payments.services import (
    MANAGE_ACCOUNTS,
    RECONCILE,
    collection_account_set,
    payment_request_cancel,
    payment_request_create,
    payment_request_pay_cash,
    statement_import,
    statement_line_resolve,
)
from xaso.places.models import Commune
from xaso.places.selectors import commune_of

MANUAL_KIND = "payments.manual"


def _commune_for(request, perm: str) -> Commune:
    return commune_of(request.user, perm, message=_("You do not handle payments for any commune."))


@login_required
def cashier(request):
    commune = _commune_for(request, RECONCILE)
    account = selectors.collection_account_active(commune)
    status = request.GET.get("status", "")
    if status not in RequestStatus.values:
        status = ""
    q = request.GET.get("q", "").strip()
    listing = selectors.payment_requests_for(request.user, status=status, q=q, perm=RECONCILE).filter(
        commune=commune
    )
    mapping = (
        ColumnMapping.objects.filter(commune=commune, bank_bin=account.bank_bin).first() if account else None
    )
    form = StatementImportForm(
        request.POST or None, request.FILES or None, initial=(mapping.columns if mapping else {})
    )
    if request.method == "POST" and account is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        with form_refusals(form):
            statement = statement_import(
                actor=request.user,
                account=account,
                filename=upload.name,
                content=upload.read(),
                columns=form.columns(),
            )
            messages.success(
                request,
                _("Statement imported: %(new)d new lines, %(known)d already imported, %(dup)d repeated.")
                % {
                    "new": statement.lines_new,
                    "known": statement.lines_known,
                    "dup": statement.lines_duplicate,
                },
            )
            return redirect("payments:statement", statement_id=statement.pk)
    review = selectors.statement_lines_for(request.user, review=True).filter(commune=commune)
    return form_render(
        request,
        "payments/cashier.html",
        {
            "commune": commune,
            "account": account,
            "bank": bank_by_bin(account.bank_bin) if account else None,
            "q": q,
            "status": status,
            "statuses": RequestStatus.choices,
            "extra_query": f"status={status}&amp;" if status else "",
            "page": Paginator(listing, 25).get_page(request.GET.get("page")),
            "form": form,
            "statements": selectors.statements_for(request.user).filter(commune=commune)[:10],
            "review_count": review.count(),
            "review_lines": review.order_by("-pk")[:20],
            "can_manage_account": holds(request.user, MANAGE_ACCOUNTS, commune=commune),
        },
    )


@login_required
def account_edit(request):
    commune = _commune_for(request, MANAGE_ACCOUNTS)
    current = selectors.collection_account_active(commune)
    initial = (
        {
            "bank_bin": current.bank_bin,
            "account_number": current.account_number,
            "account_name": current.account_name,
        }
        if current
        else {}
    )
    form = CollectionAccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            collection_account_set(actor=request.user, commune=commune, **form.cleaned_data)
            messages.success(request, _("The collection account was saved."))
            return redirect("payments:cashier")
    return form_render(
        request, "payments/account.html", {"commune": commune, "form": form, "current": current}
    )


@login_required
def request_new(request):
    commune = _commune_for(request, RECONCILE)
    form = PaymentRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            created = payment_request_create(
                actor=request.user, commune=commune, kind=MANUAL_KIND, **form.cleaned_data
            )
            for said in created.note_cleaning.messages():
                messages.warning(request, said)
            messages.success(request, _("The payment request was created."))
            return redirect("payments:request", request_id=created.pk)
    return form_render(request, "payments/request_new.html", {"commune": commune, "form": form})


def _local(request, url: str) -> str:
    """`url` if it is an address on this site, else ""."""
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}) and url.startswith("/")
    return url if safe else ""


def _request_page(request, payment, cash_form=None, status=200, back=""):
    is_cashier = holds(request.user, RECONCILE, commune=payment.commune)
    payable = payment.status in PAYABLE
    if cash_form is None and is_cashier and payable:
        cash_form = CashPaymentForm(initial={"amount": payment.outstanding})
    return render(
        request,
        "payments/request_detail.html",
        {
            "payment": payment,
            "bank": bank_by_bin(payment.account.bank_bin),
            "qr": qr_png_data_uri(payment.payload) if payable else "",
            "lines": payment.lines.order_by("pk"),
            "is_cashier": is_cashier,
            "can_cancel": payment.status == RequestStatus.OPEN and is_cashier,
            "cash_form": cash_form if is_cashier and payable else None,
            "paid_in_cash": payment.method == PaymentMethod.CASH and payment.is_settled,
            "next": back,  # a refused cash form keeps the page to go back to
        },
        status=status,
    )


@login_required
def request_detail(request, request_id: int):
    return _request_page(request, selectors.payment_request_for(request.user, request_id))


@login_required
def request_qr(request, request_id: int):
    payment = selectors.payment_request_for(request.user, request_id)
    response = HttpResponse(qr_png(payment.payload), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="vietqr-{payment.reference}.png"'
    return response


@login_required
@require_POST
def request_cancel(request, request_id: int):
    payment = selectors.payment_request_for(request.user, request_id)
    payment_request_cancel(actor=request.user, request=payment, reason=request.POST.get("reason", ""))
    messages.success(request, _("The payment request was cancelled."))
    return redirect("payments:request", request_id=payment.pk)


@login_required
@require_POST
def request_pay_cash(request, request_id: int):
    """The cashier records cash taken at the counter; from the request page or a page of the app
    that owns the request (`next`, a local address, is where to go back to)."""
    payment = selectors.payment_request_for(request.user, request_id)
    require(
        request.user,
        RECONCILE,
        commune=payment.commune,
        message=_("You cannot take payments for this commune."),
    )
    form = CashPaymentForm(request.POST)
    if form.is_valid():
        try:
            payment = payment_request_pay_cash(actor=request.user, request=payment, **form.cleaned_data)
        except InvalidInput as exc:  # a settled request (409) goes to the error page
            attach_error(form, exc)
        else:
            messages.success(request, _("The cash payment was recorded."))
            back = _local(request, request.POST.get("next", ""))
            return redirect(back) if back else redirect("payments:request", request_id=payment.pk)
    return _request_page(
        request, payment, cash_form=form, status=422, back=_local(request, request.POST.get("next", ""))
    )


@login_required
def request_receipt(request, request_id: int):
    """The receipt of a cash payment (biên lai thu tiền) as a PDF, for whoever sees the request."""
    payment = selectors.payment_request_for(request.user, request_id)
    if payment.method != PaymentMethod.CASH or not payment.is_settled:
        raise NotFound(_("This request was not paid in cash."))
    pdf = render_pdf(
        "payments/receipt_pdf.html",
        {"payment": payment, "cashier": payment.cashier.full_name if payment.cashier else ""},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-lai-{payment.reference}.pdf"'
    return response


@login_required
def statement_detail(request, statement_id: int):
    statement = selectors.statement_for(request.user, statement_id)
    lines = selectors.statement_lines_for(request.user, statement=statement)
    return render(
        request,
        "payments/statement_detail.html",
        {
            "statement": statement,
            "counts": selectors.outcome_counts(lines),
            "page": Paginator(lines, 50).get_page(request.GET.get("page")),
            "review": NEEDS_REVIEW,
            "can_resolve": holds(request.user, RECONCILE, commune=statement.commune),
        },
    )


@login_required
def line_resolve(request, line_id: int):
    line = selectors.statement_line_for(request.user, line_id)
    require(
        request.user,
        RECONCILE,
        commune=line.commune,
        message=_("You cannot reconcile this commune's statements."),
    )
    form = LineResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            statement_line_resolve(actor=request.user, line=line, **form.cleaned_data)
            messages.success(request, _("The line was resolved."))
            return redirect("payments:statement", statement_id=line.statement_id)
    return form_render(request, "payments/line_resolve.html", {"line": line, "form": form})

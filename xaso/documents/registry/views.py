"""Pages of the document registry (văn bản đến/đi): search, register an incoming document, a
document's page with its timeline and the actions the viewer may take."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core.errors import USER_ERRORS, InvalidInput, NotAllowed, NotFound, RateLimited
from xaso.core.forms import attach_error, form_refusals, form_render
from xaso.core.permissions import require
from xaso.core.uploads import file_response
from xaso.documents.exchange import selectors as exchange_selectors
from xaso.documents.exchange import services as exchange
from xaso.documents.exchange.services import SENDABLE
from xaso.documents.forms import (
    AssignForm,
    CommentForm,
    IncomingForm,
    OutgoingForm,
    RegistrySearchForm,
    SendForm,
    SignForm,
)
from xaso.documents.models import Direction, RegisteredDocument
from xaso.documents.permissions import REGISTER, VIEW
from xaso.documents.registry import selectors, services
from xaso.documents.registry.workflow import document_roles, flow_of
from xaso.documents.signing.selectors import credentials_usable_by
from xaso.places.models import Commune
from xaso.places.selectors import commune_of, villages_of_commune


class CappedPaginator(Paginator):
    """Counts at most CAP + 1 rows: a page of a common word's results must not wait for the
    database to count every match. Beyond CAP the page says "more than 1,000 results"."""

    CAP = 1000

    @cached_property
    def count(self):
        counted, self.capped = selectors.registry_count(self.object_list, cap=self.CAP)
        return counted


@login_required
def registry_list(request):
    if request.user.scope_for(VIEW).is_empty:
        raise NotAllowed(_("You do not work with a commune's documents."))
    form = RegistrySearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    listing = selectors.registry_search(
        request.user,
        q=filters.get("q", ""),
        direction=filters.get("direction", ""),
        status=filters.get("status", ""),
        overdue=filters.get("overdue", False),
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("q", None)
    return render(
        request,
        "documents/registry_list.html",
        {
            "form": form,
            "q": filters.get("q", ""),
            "extra_query": (query.urlencode() + "&") if query else "",
            "page": CappedPaginator(listing, 25).get_page(request.GET.get("page")),
            "can_register": not request.user.scope_for(REGISTER).is_empty,
            "can_draft": bool(request.user.scope_for(VIEW).commune_codes),
        },
    )


@login_required
def incoming_new(request):
    commune = selectors.registering_commune(request.user)
    form = IncomingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.pop("file")
        with form_refusals(form):
            doc = services.incoming_register(
                actor=request.user,
                commune=commune,
                pdf=upload.read() if upload else None,
                **data,
            )
            messages.success(
                request, _("The document was registered as number %(n)d.") % {"n": doc.book_number}
            )
            return redirect("documents:registry_detail", document_id=doc.pk)
    return form_render(request, "documents/incoming_new.html", {"form": form, "commune": commune})


def _drafting_commune(user) -> Commune:
    """The commune a staff member drafts for: the first one their own membership names (a
    province supervisor reads communes' documents but does not write for them)."""
    return commune_of(user, VIEW, own=True, message=_("You do not work with a commune's documents."))


def _village_names(commune) -> list[str]:
    return [v.name for v in villages_of_commune(commune)]


def _signing_form(request, doc, action: str, data=None):
    """The certificate-and-passphrase form of the step `action` when the viewer may take it:
    "sign" (the leader's own certificate) or "issue" (the commune's seal)."""
    if not flow_of(doc).can(doc, action, request.user):
        return None
    usable = credentials_usable_by(request.user, doc.commune)
    usable = usable.filter(holder=request.user) if action == "sign" else usable.filter(holder__isnull=True)
    return SignForm(data, credentials=usable)


def _detail_context(request, doc: RegisteredDocument, **forms):
    flow = flow_of(doc)
    actions = [a for a in flow.allowed_actions(doc, request.user) if a not in {"assign", "sign", "issue"}]
    can_assign = flow.can(doc, "assign", request.user)
    outgoing = doc.direction == Direction.OUTGOING
    agencies = exchange_selectors.agencies_to_send_to(request.user, doc) if doc.status in SENDABLE else None
    can_edit = (
        doc.direction == "out"
        and doc.status == "draft"
        and bool({"author", "registrar", "leader"} & document_roles(request.user, doc))
    )
    return {
        "doc": doc,
        "deliveries": exchange_selectors.deliveries_for(request.user, doc) if outgoing else [],
        "send_form": forms.get("send_form") or (SendForm(agencies=agencies) if agencies else None),
        "events": doc.events.select_related("actor"),
        "actions": [(a, flow.transition(doc.status, a).label) for a in actions],
        "comment_form": forms.get("comment_form") or CommentForm(),
        "assign_form": forms.get("assign_form")
        or (AssignForm(handlers=selectors.handlers_for(request.user, doc.commune)) if can_assign else None),
        "sign_form": forms.get("sign_form") or _signing_form(request, doc, "sign"),
        "issue_form": forms.get("issue_form") or _signing_form(request, doc, "issue"),
        "can_edit": can_edit,
        "sign_url": reverse("documents:outgoing_sign", args=[doc.pk]),
        "issue_url": reverse("documents:outgoing_issue", args=[doc.pk]),
    }


@login_required
def registry_detail(request, document_id: int):
    doc = selectors.registered_document_for(request.user, document_id)
    return render(request, "documents/registry_detail.html", _detail_context(request, doc))


@login_required
@require_POST
def registry_action(request, document_id: int):
    doc = selectors.registered_document_for(request.user, document_id)
    action = request.POST.get("action", "")
    try:
        if action == "comment":
            form = CommentForm(request.POST)
            if not form.is_valid():
                return render(
                    request,
                    "documents/registry_detail.html",
                    _detail_context(request, doc, comment_form=form),
                    status=422,
                )
            services.document_comment(actor=request.user, document=doc, note=form.cleaned_data["note"])
        elif action == "assign":
            form = AssignForm(request.POST, handlers=selectors.handlers_for(request.user, doc.commune))
            if not form.is_valid():
                return render(
                    request,
                    "documents/registry_detail.html",
                    _detail_context(request, doc, assign_form=form),
                    status=422,
                )
            services.document_assign(actor=request.user, document=doc, **form.cleaned_data)
        else:
            services.document_act(
                actor=request.user, document=doc, action=action, note=request.POST.get("note", "")
            )
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
        return redirect("documents:registry_detail", document_id=doc.pk)
    messages.success(request, _("Done."))
    return redirect("documents:registry_detail", document_id=doc.pk)


@login_required
def registry_file(request, document_id: int):
    doc = selectors.registered_document_for(request.user, document_id)
    if not doc.file:
        raise NotFound(_("This document has no file."))
    return file_response(
        doc.file, content_type="application/pdf", filename=f"van-ban-{doc.pk}.pdf", download=True
    )


@login_required
@require_POST
def registry_send(request, document_id: int):
    """Send an issued outgoing document to another agency (the exchange delivers it)."""
    doc = selectors.registered_document_for(request.user, document_id)
    commune = doc.commune
    require(request.user, REGISTER, commune=commune)
    form = SendForm(request.POST, agencies=exchange_selectors.agencies_to_send_to(request.user, doc))
    if not form.is_valid():
        return render(
            request,
            "documents/registry_detail.html",
            _detail_context(request, doc, send_form=form),
            status=422,
        )
    try:
        exchange.exchange_send(actor=request.user, document=doc, recipient=form.cleaned_data["recipient"])
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The document is on its way; its delivery shows below."))
    return redirect("documents:registry_detail", document_id=doc.pk)


@login_required
def outgoing_new(request):
    commune = _drafting_commune(request.user)
    villages = _village_names(commune)
    form = OutgoingForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_refusals(form):
            doc = services.outgoing_create(
                actor=request.user,
                commune=commune,
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                recipients=data["recipients"],
            )
            messages.success(request, _("The draft was saved. Send it for review when it is ready."))
            return redirect("documents:registry_detail", document_id=doc.pk)
    return form_render(
        request, "documents/outgoing_form.html", {"form": form, "commune": commune, "doc": None}
    )


@login_required
def outgoing_edit(request, document_id: int):
    doc = selectors.registered_document_for(request.user, document_id)
    villages = _village_names(doc.commune)
    if request.method == "POST":
        form = OutgoingForm(request.POST, villages=villages)
    else:
        form = OutgoingForm(initial=OutgoingForm.initial_for(doc, villages), villages=villages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.outgoing_update(
                actor=request.user,
                document=doc,
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                recipients=data["recipients"],
            )
        except (InvalidInput, RateLimited) as exc:  # a Conflict goes on to the middleware, like NotAllowed
            attach_error(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("documents:registry_detail", document_id=doc.pk)
    elif not ({"author", "registrar", "leader"} & document_roles(request.user, doc)):
        raise NotAllowed(_("Your role does not allow this action."))
    return form_render(
        request, "documents/outgoing_form.html", {"form": form, "commune": doc.commune, "doc": doc}
    )


STEP_ROLE = {"sign": "leader", "issue": "registrar"}


@login_required
@require_POST
def outgoing_sign_or_issue(request, document_id: int, step: str):
    """The leader signs a document in review ("sign"); the clerk issues a signed one with the
    commune's seal, which gives it its number ("issue")."""
    doc = selectors.registered_document_for(request.user, document_id)
    if STEP_ROLE[step] not in document_roles(request.user, doc):
        raise NotAllowed(_("Your role does not allow this action."))
    form = _signing_form(request, doc, step, request.POST)
    if form is None:
        raise flow_of(doc).refusal(doc, step, request.user)
    if form.is_valid():
        credential, secret = form.cleaned_data["credential"], form.cleaned_data["secret"]
        try:
            if step == "sign":
                doc = services.outgoing_sign(
                    actor=request.user, document=doc, credential=credential, secret=secret
                )
                messages.success(request, _("The document was signed. The clerk can now issue it."))
            else:
                doc = services.outgoing_issue(
                    actor=request.user, document=doc, seal=credential, secret=secret
                )
                messages.success(
                    request, _("The document was issued as %(number)s.") % {"number": doc.number_symbol}
                )
            return redirect("documents:registry_detail", document_id=doc.pk)
        except USER_ERRORS as exc:
            field = "secret" if exc.field in {"secret", "passphrase", "pin"} else None
            form.add_error(field, str(exc.message))
    return render(
        request,
        "documents/registry_detail.html",
        _detail_context(request, doc, **{f"{step}_form": form}),
        status=422,
    )

"""Pages of the document registry (văn bản đến/đi): search, register an incoming document, a
document's page with its timeline and the actions the viewer may take."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core.errors import DomainError, NotAllowed, NotFound
from xaso.documents import exchange, exchange_selectors, registry, selectors
from xaso.documents.exchange import SENDABLE
from xaso.documents.forms import AssignForm, CommentForm, IncomingForm, RegistrySearchForm, SendForm
from xaso.documents.models import Direction, RegisteredDocument
from xaso.documents.workflow import REGISTER, VIEW, flow_of
from xaso.places.models import Commune


def _registering_commune(user) -> Commune:
    commune = Commune.objects.for_actor(user, REGISTER).order_by("code").first()
    if commune is None or user.scope_for(REGISTER).everything:
        raise NotAllowed(_("You do not keep a commune's register of documents."))
    return commune


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
            "page": Paginator(listing, 25).get_page(request.GET.get("page")),
            "can_register": not request.user.scope_for(REGISTER).is_empty,
        },
    )


@login_required
def incoming_new(request):
    commune = _registering_commune(request.user)
    form = IncomingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.pop("file")
        try:
            doc = registry.incoming_register(
                actor=request.user,
                commune=commune,
                pdf=upload.read() if upload else None,
                filename=upload.name if upload else "van-ban-den.pdf",
                **data,
            )
        except DomainError as exc:
            field = exc.field if exc.field in form.fields else ("file" if exc.field == "file" else None)
            form.add_error(field, str(exc.message))
        else:
            messages.success(
                request, _("The document was registered as number %(n)d.") % {"n": doc.book_number}
            )
            return redirect("documents:registry_detail", document_id=doc.pk)
    return render(
        request,
        "documents/incoming_new.html",
        {"form": form, "commune": commune},
        status=422 if form.errors else 200,
    )


def _detail_context(request, doc: RegisteredDocument, **forms):
    flow = flow_of(doc)
    actions = [a for a in flow.allowed_actions(doc, request.user) if a not in {"assign", "sign", "issue"}]
    can_assign = flow.can(doc, "assign", request.user)
    outgoing = doc.direction == Direction.OUTGOING
    agencies = exchange_selectors.agencies_to_send_to(request.user, doc) if doc.status in SENDABLE else None
    return {
        "doc": doc,
        "deliveries": exchange_selectors.deliveries_for(request.user, doc) if outgoing else [],
        "send_form": forms.get("send_form") or (SendForm(agencies=agencies) if agencies else None),
        "events": doc.events.select_related("actor"),
        "actions": [(a, flow.transition(doc.status, a).label) for a in actions],
        "comment_form": forms.get("comment_form") or CommentForm(),
        "assign_form": forms.get("assign_form")
        or (AssignForm(handlers=selectors.handlers_for(request.user, doc.commune)) if can_assign else None),
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
            registry.document_comment(actor=request.user, document=doc, note=form.cleaned_data["note"])
        elif action == "assign":
            form = AssignForm(request.POST, handlers=selectors.handlers_for(request.user, doc.commune))
            if not form.is_valid():
                return render(
                    request,
                    "documents/registry_detail.html",
                    _detail_context(request, doc, assign_form=form),
                    status=422,
                )
            registry.document_assign(actor=request.user, document=doc, **form.cleaned_data)
        else:
            registry.document_act(
                actor=request.user, document=doc, action=action, note=request.POST.get("note", "")
            )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("documents:registry_detail", document_id=doc.pk)
    messages.success(request, _("Done."))
    return redirect("documents:registry_detail", document_id=doc.pk)


@login_required
def registry_file(request, document_id: int):
    doc = selectors.registered_document_for(request.user, document_id)
    if not doc.file:
        raise NotFound(_("This document has no file."))
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=f"van-ban-{doc.pk}.pdf")


@login_required
@require_POST
def registry_send(request, document_id: int):
    """Send an issued outgoing document to another agency (the exchange delivers it)."""
    doc = selectors.registered_document_for(request.user, document_id)
    commune = doc.commune
    if not request.user.scope_for(REGISTER).reaches(
        commune_code=commune.code, province_code=commune.province_id
    ):
        raise NotAllowed(_("You are not allowed to do this in this commune."))
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
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The document is on its way; its delivery shows below."))
    return redirect("documents:registry_detail", document_id=doc.pk)

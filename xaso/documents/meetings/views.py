"""Pages of paperless meetings: the commune's list, scheduling, a meeting's page (agenda,
invitees, minutes, signing, the printed invitation with its QR code), and the meeting pack the
QR code opens on a phone, for invited people only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core.errors import USER_ERRORS, NotAllowed, NotFound
from xaso.core.forms import form_refusals, form_render
from xaso.core.pdf import html_to_pdf
from xaso.core.permissions import holds, require
from xaso.core.qr import qr_svg
from xaso.core.uploads import file_response
from xaso.documents.forms import AgendaItemForm, MeetingForm, MinutesForm, SignForm
from xaso.documents.meetings import selectors, services
from xaso.documents.meetings.links import invitee_token
from xaso.documents.permissions import REGISTER, SIGN, VIEW
from xaso.documents.registry.selectors import handlers_for, registering_commune, registry_search
from xaso.documents.signing.selectors import credentials_usable_by

SESSION_KEY = "meeting-invitee:%s"


def _pack_url(request, meeting) -> str:
    return request.build_absolute_uri(reverse("documents:meeting_pack", args=[meeting.code]))


@login_required
def meeting_list(request):
    if request.user.scope_for(VIEW).is_empty:
        raise NotAllowed(_("You do not work with a commune's documents."))
    return render(
        request,
        "documents/meeting_list.html",
        {
            "meetings": selectors.meetings_for(request.user)[:200],
            "can_schedule": not request.user.scope_for(REGISTER).is_empty,
        },
    )


@login_required
def meeting_new(request):
    commune = registering_commune(request.user)
    people = handlers_for(request.user, commune)
    form = MeetingForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_refusals(form):
            meeting = services.meeting_create(
                actor=request.user,
                commune=commune,
                title=data["title"],
                starts_at=data["starts_at"],
                place=data["place"],
                chair=data["chair"],
                staff=list(data["staff"]),
                outsiders=data["outsiders"],
            )
            messages.success(request, _("The meeting was scheduled. Add its agenda and documents."))
            return redirect("documents:meeting_detail", meeting_id=meeting.pk)
    return form_render(request, "documents/meeting_new.html", {"form": form, "commune": commune})


def _recent_documents(user, meeting):
    listing = registry_search(user).filter(commune=meeting.commune)
    return listing.model.objects.filter(pk__in=list(listing.values_list("pk", flat=True)[:200])).order_by(
        "-id"
    )


def _detail(request, meeting, *, status=200, **forms):
    user = request.user
    manages = holds(user, REGISTER, commune=meeting.commune)
    is_chair = meeting.chair_id == user.pk
    open_ = meeting.minutes_document_id is None
    invitees = list(selectors.meeting_invitees(meeting))
    credentials = credentials_usable_by(user, meeting.commune).filter(holder=user)
    can_sign = open_ and bool(meeting.minutes) and (is_chair or holds(user, SIGN, commune=meeting.commune))
    writes_minutes = open_ and (manages or is_chair)
    return render(
        request,
        "documents/meeting_detail.html",
        {
            "meeting": meeting,
            "items": meeting.agenda_items.select_related("document"),
            "invitees": [(i, invitee_token(i) if manages and i.user_id is None else "") for i in invitees],
            # Those who organise the meeting call the invitees; other readers (a province
            # supervisor, staff looking at the schedule) see phones masked and no e-mail.
            "contacts_full": manages or is_chair,
            "pack_url": _pack_url(request, meeting),
            "qr": qr_svg(_pack_url(request, meeting), scale=4, title=_("QR code of the meeting pack")),
            "item_form": forms.get("item_form")
            or (AgendaItemForm(documents=_recent_documents(user, meeting)) if manages and open_ else None),
            "minutes_form": forms.get("minutes_form")
            or (MinutesForm(initial={"minutes": meeting.minutes}) if writes_minutes else None),
            "sign_form": forms.get("sign_form") or (SignForm(credentials=credentials) if can_sign else None),
        },
        status=status,
    )


@login_required
def meeting_detail(request, meeting_id: int):
    return _detail(request, selectors.meeting_for(request.user, meeting_id))


@login_required
@require_POST
def meeting_item_add(request, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id)
    require(request.user, REGISTER, commune=meeting.commune)
    form = AgendaItemForm(request.POST, request.FILES, documents=_recent_documents(request.user, meeting))
    if form.is_valid():
        upload = form.cleaned_data["file"]
        with form_refusals(form):
            services.meeting_item_add(
                actor=request.user,
                meeting=meeting,
                title=form.cleaned_data["title"],
                document=form.cleaned_data["document"],
                upload=(upload.name, upload.read()) if upload else None,
            )
            messages.success(request, _("The agenda item was added."))
            return redirect("documents:meeting_detail", meeting_id=meeting.pk)
    return _detail(request, meeting, status=422, item_form=form)


@login_required
@require_POST
def meeting_minutes(request, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id)
    if not (meeting.chair_id == request.user.pk or holds(request.user, REGISTER, commune=meeting.commune)):
        raise NotAllowed(_("You are not allowed to do this in this commune."))
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_minutes_save(
                actor=request.user, meeting=meeting, text=form.cleaned_data["minutes"]
            )
        except USER_ERRORS as exc:
            form.add_error("minutes", str(exc.message))
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("documents:meeting_detail", meeting_id=meeting.pk)
    return _detail(request, meeting, status=422, minutes_form=form)


@login_required
@require_POST
def meeting_sign(request, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id)
    if not (meeting.chair_id == request.user.pk or holds(request.user, SIGN, commune=meeting.commune)):
        raise NotAllowed(_("Only the chair or a leader signs the minutes."))
    credentials = credentials_usable_by(request.user, meeting.commune).filter(holder=request.user)
    form = SignForm(request.POST, credentials=credentials)
    if form.is_valid():
        try:
            services.meeting_minutes_sign(
                actor=request.user,
                meeting=meeting,
                credential=form.cleaned_data["credential"],
                secret=form.cleaned_data["secret"],
            )
        except USER_ERRORS as exc:
            form.add_error(
                "secret" if exc.field in {"secret", "passphrase", "pin"} else None, str(exc.message)
            )
        else:
            messages.success(request, _("The minutes were signed."))
            return redirect("documents:meeting_detail", meeting_id=meeting.pk)
    return _detail(request, meeting, status=422, sign_form=form)


@login_required
def meeting_poster(request, meeting_id: int):
    """The printed invitation: the meeting, its agenda and the one QR code of its pack."""
    meeting = selectors.meeting_for(request.user, meeting_id)
    html = render_to_string(
        "documents/meeting_poster.html",
        {
            "meeting": meeting,
            "items": meeting.agenda_items.all(),
            "qr": qr_svg(_pack_url(request, meeting), scale=6),
            "pack_url": _pack_url(request, meeting),
        },
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="giay-moi-hop-{meeting.pk}.pdf"'
    return response


# --- the meeting pack (the QR code's page) ---------------------------------------------------


def _pack(request, code: str):
    """(meeting, invitee) for this browser, remembering a personal link in the session."""
    key = SESSION_KEY % code
    try:
        meeting, invitee = selectors.meeting_pack_for(
            request.user, code, token=request.GET.get("t", ""), invitee_id=request.session.get(key)
        )
    except NotAllowed as exc:
        return None, render(
            request,
            "documents/meeting_refused.html",
            {"message": exc.message, "login_next": request.path},
            status=403,
        )
    if invitee.user_id is None:
        request.session[key] = invitee.pk
    return (meeting, invitee), None


def meeting_pack(request, code: str):
    found, refusal = _pack(request, code)
    if refusal is not None:
        return refusal
    meeting, invitee = found
    return render(
        request,
        "documents/meeting_pack.html",
        {"meeting": meeting, "invitee": invitee, "items": meeting.agenda_items.select_related("document")},
    )


def meeting_pack_file(request, code: str, item_id: int):
    found, refusal = _pack(request, code)
    if refusal is not None:
        return refusal
    meeting, _invitee = found
    item = meeting.agenda_items.select_related("document").filter(pk=item_id).first()
    if item is None:
        raise NotFound(_("No such document."))
    source = item.file or (item.document.file if item.document else None)
    if not source:
        raise NotFound(_("This item has no file."))
    return file_response(
        source,
        content_type="application/pdf",
        filename=f"hop-{meeting.pk}-muc-{item.position}.pdf",
        download=True,
    )


@require_POST
def meeting_check_in(request, code: str):
    found, refusal = _pack(request, code)
    if refusal is not None:
        return refusal
    meeting, invitee = found
    services.meeting_check_in(invitee=invitee, actor=request.user if invitee.user_id else None)
    messages.success(request, _("You are checked in. Thank you."))
    return redirect("documents:meeting_pack", code=meeting.code)

"""The commune's staff write its DX news: a list of drafts and published items, a form to write
or correct one (with a picture), and the buttons that publish and withdraw it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core.bounds import page_number
from xaso.core.errors import USER_ERRORS
from xaso.core.forms import form_refusals, form_render
from xaso.core.uploads import file_response
from xaso.dx.forms import NewsForm
from xaso.dx.permissions import NEWS_REFUSED, PUBLISH_NEWS
from xaso.dx.selectors import news as reads
from xaso.dx.services import news
from xaso.dx.workflow import NEWS_FLOW
from xaso.places.selectors import commune_of

PER_PAGE = 20


def _commune(request):
    return commune_of(request.user, PUBLISH_NEWS, message=NEWS_REFUSED)


@login_required
def news_list(request):
    commune = _commune(request)
    items = reads.news_for(request.user).filter(commune=commune)
    page = Paginator(items, PER_PAGE).get_page(page_number(request.GET.get("page")))
    return render(request, "dx/news_list.html", {"commune": commune, "page": page})


@login_required
def news_new(request):
    commune = _commune(request)
    form = NewsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            item = news.news_create(
                actor=request.user,
                commune=commune,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                picture=form.cleaned_data["picture"],
            )
            messages.success(request, _("The draft was saved. Publish it when it is ready."))
            return redirect("dx:news_edit", item.pk)
    return form_render(request, "dx/news_edit.html", {"commune": commune, "form": form, "item": None})


@login_required
def news_edit(request, item_id: int):
    item = reads.news_item_for(request.user, item_id, perm=PUBLISH_NEWS)
    initial = {"title": item.title, "body": item.body}
    form = NewsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            news.news_update(
                actor=request.user,
                item=item,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                picture=form.cleaned_data["picture"],
                picture_remove=form.cleaned_data["picture_remove"],
            )
            messages.success(request, _("The news item was saved."))
            return redirect("dx:news_edit", item.pk)
    return form_render(
        request,
        "dx/news_edit.html",
        {
            "commune": item.commune,
            "form": form,
            "item": item,
            "actions": NEWS_FLOW.allowed_actions(item, request.user),
        },
    )


@login_required
@require_POST
def news_action(request, item_id: int, action: str):
    item = reads.news_item_for(request.user, item_id, perm=PUBLISH_NEWS)
    try:
        if action == "publish":
            news.news_publish(actor=request.user, item=item)
            messages.success(request, _("The news item is on the commune's portal."))
        elif action == "withdraw":
            news.news_withdraw(actor=request.user, item=item)
            messages.success(request, _("The news item was taken off the portal."))
        else:
            raise Http404(action)
    except USER_ERRORS as exc:
        messages.error(request, str(exc.message))
    return redirect("dx:news_edit", item.pk)


@login_required
def news_picture(request, item_id: int):
    """The picture as kept for the staff who write the news (re-encoded, without EXIF), whatever
    the item's status; the public sees the light version of a published item's picture."""
    item = reads.news_item_for(request.user, item_id, perm=PUBLISH_NEWS)
    if not item.picture:
        raise Http404
    return file_response(item.picture)

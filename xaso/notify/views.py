from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from xaso.notify import selectors
from xaso.notify.services import notification_open, notifications_mark_all_read


@login_required
def inbox(request):
    rows = selectors.notifications_for(request.user)
    return render(
        request,
        "notify/inbox.html",
        {
            "page": Paginator(rows, 20).get_page(request.GET.get("page")),
            "unread": selectors.unread_count(request.user),
        },
    )


@login_required
@require_POST
def open_notification(request, notification_id: int):
    notification = notification_open(actor=request.user, notification_id=notification_id)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("notify:inbox")


@login_required
@require_POST
def mark_all_read(request):
    notifications_mark_all_read(actor=request.user)
    return redirect("notify:inbox")

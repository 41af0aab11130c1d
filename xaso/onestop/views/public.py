"""The public lookup page (no sign-in): a dossier found by its code and the receipt's QR token
or the last 4 digits of the applicant's phone. `xaso.wsgi`'s lean path sends `/tra-cuu/` here
straight (`xaso.onestop.views.public.lookup`)."""

from django.http import HttpResponse
from django.shortcuts import render

from xaso.core.calendar import to_local
from xaso.core.errors import USER_ERRORS, NotFound
from xaso.onestop import lookup_page
from xaso.onestop.lookup import lookup_dossier


def lookup_shown(result: dict) -> dict:
    """The lookup's answer with its dates as the page prints them: dd/mm/yyyy, times in
    Vietnam's time (what the `date` filter gives, formatted here once instead of per tag)."""
    due = result["due_date"]
    timeline = [{**e, "at_text": to_local(e["at"]).strftime("%d/%m/%Y %H:%M")} for e in result["timeline"]]
    return {**result, "due_text": due.strftime("%d/%m/%Y") if due else "—", "timeline": timeline}


def lookup(request):
    code = request.GET.get("ma", "").strip()
    result = error = None
    if code:
        try:
            result = lookup_dossier(
                code=code,
                token=request.GET.get("t", ""),
                phone_last4=request.GET.get("so", ""),
                client=request.META.get("REMOTE_ADDR", ""),
            )
        # An unknown code is answered on the page itself, with its 404.
        except (*USER_ERRORS, NotFound) as exc:
            error = str(exc.message)
            status = exc.status
        else:
            status = 200
    else:
        status = 200
    context = {
        "code": code,
        "result": lookup_shown(result) if result else None,
        "error": error,
        "phone_last4": request.GET.get("so", ""),
    }
    if lookup_page.plain_visit(request):  # the QR's visitor: the layout comes from a shell
        return HttpResponse(lookup_page.page(request, context), status=status)
    return render(request, lookup_page.TEMPLATE, context, status=status)

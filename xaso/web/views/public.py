from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from xaso.core.portal import sections_for
from xaso.core.public_cache import public_page
from xaso.places import selectors


def home(request):
    q = request.GET.get("q", "").strip()
    province = request.GET.get("province", "")
    results = None
    if q or province:
        communes = selectors.communes_search(q=q, province_code=province or None).select_related("province")
        results = Paginator(communes, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "web/home.html",
        {
            "q": q,
            "province": province,
            "results": results,
            "provinces": selectors.provinces_all(),
        },
    )


@public_page("procedures", "products", "dx", lambda request, code: f"commune:{code}")
def commune_home(request, code: str):
    commune = selectors.commune_public(code)
    return render(
        request,
        "web/commune_home.html",
        {
            "commune": commune,
            "villages": selectors.villages_of_commune(commune),
            "sections": sections_for(request, commune),
        },
    )


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # the point of a health check is to report any failure
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def language(request, code: str):
    """Switch the language by a plain link (every page's header carries one): sets the language
    cookie and goes back to `next` on this site. A link, not a form, so a page needs no CSRF
    token for it and anonymous pages stay free of per-visitor work; choosing a language changes
    nothing but how the site is shown, so a GET may do it."""
    if code not in dict(settings.LANGUAGES):
        raise Http404(code)
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response

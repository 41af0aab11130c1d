from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from xaso.core.bounds import page_number
from xaso.core.portal import sections_for
from xaso.core.public_cache import public_page
from xaso.core.text import xml_safe
from xaso.core.visitor import commune_shown, remember_commune
from xaso.places import selectors

SEARCH_MAX = 100


def search_text(value: str) -> str:
    """What a search box's text is searched for: without control characters (a NUL is refused
    by PostgreSQL) and at most SEARCH_MAX characters; any text typed gives a page, never a 500."""
    return xml_safe(value).strip()[:SEARCH_MAX]


def home(request):
    q = search_text(request.GET.get("q", ""))
    provinces = selectors.provinces_all()
    province = request.GET.get("province", "")
    if province not in {p.code for p in provinces}:
        province = ""  # an unknown province is no filter, not an error page
    results = None
    if q or province:
        communes = selectors.communes_search(q=q, province_code=province or None).select_related("province")
        results = Paginator(communes, 20).get_page(page_number(request.GET.get("page")))
    return render(
        request,
        "web/home.html",
        {"q": q, "province": province, "results": results, "provinces": provinces},
    )


def commune_home(request, code: str):
    response = _commune_page(request, code=code)
    if response.status_code in (200, 304):
        # Opening a commune's portal is choosing it: the home page and the header remember it.
        # Set here, outside the cached page, so a page served from the cache remembers it too.
        remember_commune(request, response, code)
    return response


# The header shows this commune's services whatever the visitor remembered: no cookie in the key.
@public_page("procedures", "products", "dx", lambda request, code: f"commune:{code}", cookies=())
def _commune_page(request, code: str):
    commune = selectors.commune_public(code)
    commune_shown(request, commune.code)
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

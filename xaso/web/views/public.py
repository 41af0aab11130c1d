from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

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


def commune_home(request, code: str):
    commune = selectors.commune_public(code)
    return render(
        request,
        "web/commune_home.html",
        {
            "commune": commune,
            "villages": selectors.villages_of_commune(commune),
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

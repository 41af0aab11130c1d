from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from xaso.api import api
from xaso.web.views import public

handler400 = "xaso.web.views.errors.bad_request"
handler403 = "xaso.web.views.errors.permission_denied"
handler404 = "xaso.web.views.errors.page_not_found"
handler500 = "xaso.web.views.errors.server_error"

urlpatterns = [
    path("healthz", public.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("thong-bao/", include("xaso.notify.urls")),
    path("cong-dong/", include("xaso.community.urls")),
    path("thanh-toan/", include("xaso.payments.urls")),
    # The shell first among the unprefixed: the home page, the commune portal and the staff
    # dashboard, the most visited pages, resolve before the apps' routes are tried. No route
    # of the shell overlaps one of an app's (tests/web/test_url_order.py).
    path("", include("xaso.web.urls")),
    path("", include("xaso.economy.urls")),
    path("", include("xaso.documents.urls")),
    path("cds/", include("xaso.dx.urls")),
    path("ho-tich/", include("xaso.civil.urls")),
    path("", include("xaso.onestop.urls")),
]

if settings.BENCH_CEILINGS:
    urlpatterns.insert(0, path("_bench/", include("bench.ceilings")))

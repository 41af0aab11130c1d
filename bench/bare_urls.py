"""The bare-Django ceiling's URLconf (bench/settings_bare.py): the ceiling views at the same
paths as in xaso (/_bench/…), and /healthz for the harness to know the server is up."""

from django.urls import include, path

from bench.ceilings import constant_json

urlpatterns = [
    path("healthz", constant_json),
    path("_bench/", include("bench.ceilings")),
]

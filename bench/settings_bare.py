"""Settings of the bare-Django ceiling (the issue's "bare Django view"): xaso's settings with no
middleware at all and a URLconf holding only the ceiling views (bench/bare_urls.py), served by
the same granian and measured in the same run as xaso itself."""

from bench.settings import *  # noqa: F403

MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.bare_urls"

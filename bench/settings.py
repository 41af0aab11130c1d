"""Settings of the benchmark runs: xaso's own, with the public lookup's rate limits raised (wrk
is one client address hitting thousands of codes a second; the counting still runs)."""

from xaso.settings import *  # noqa: F403

ONESTOP_LOOKUP_PER_CLIENT = 10**9
ONESTOP_LOOKUP_PER_CODE = 10**9

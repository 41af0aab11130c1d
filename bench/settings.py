"""Settings of the benchmark runs: xaso's own, with the public lookup's rate limits raised (wrk
is one client address hitting thousands of codes a second; the counting still runs)."""

from xaso.settings import *  # noqa: F403

ONESTOP_LOOKUP_PER_CLIENT = 10**9
ONESTOP_LOOKUP_PER_CODE = 10**9

# The public traceability page (economy.trace): wrk scans one stamp thousands of times a second
# from one address.
XASO_RATE_LIMITS = {**globals().get("XASO_RATE_LIMITS", {}), "economy.trace": (10**9, 60)}

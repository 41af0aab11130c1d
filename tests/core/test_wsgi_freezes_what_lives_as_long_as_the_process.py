"""Loading the WSGI application loads the URLconf and freezes what is loaded by then out of the
garbage collector's reach, so that a full collection in a worker does not walk it (a 130 ms
stall every few thousand requests before)."""

import gc

import xaso.wsgi  # noqa: F401  (imported for what importing it does)


def test_the_loaded_application_and_its_urlconf_are_frozen():
    assert gc.get_freeze_count() > 100_000

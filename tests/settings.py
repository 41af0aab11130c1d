"""Test settings: xaso's own, with tasks run inline and a fast password hasher."""

import os

# var/test, or var/test/<worker> when pytest-xdist runs the suite in several processes (each its
# own secret key, media and mail). A directory chosen by whoever started us (a subprocess test's
# own instance) is kept.
_DEFAULT_VAR = os.path.join(os.path.dirname(__file__), "..", "var", "test")
if os.environ.get("XASO_VAR_DIR", _DEFAULT_VAR) == _DEFAULT_VAR:
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    os.environ["XASO_VAR_DIR"] = os.path.join(_DEFAULT_VAR, _worker) if _worker else _DEFAULT_VAR

from xaso.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Most tests sign people in directly; the two-factor tests (tests/accounts/test_two_factor.py)
# switch this on and prove the second step is enforced.
REQUIRE_2FA = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Several checkouts may test against one server at once: each names its own test database
    # (pytest-django adds _gw0, _gw1… for each pytest-xdist worker).
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("XASO_TEST_DB", "test_xaso")}  # noqa: F405
    # The lookup's own connection would not see a test's rows (each test runs in a transaction
    # on `default`): the lookup reads through `default` here; tests/core/test_lookup_connection.py
    # checks the alias the server uses.
    XASO_LOOKUP_DATABASE = DATABASES.pop("lookup")  # noqa: F405
# Stamp scans are written at once, not batched by a background thread (xaso.economy.scans);
# tests/economy/test_stamp_scans_batched.py switches batching on where it is under test.
XASO_STAMP_SCAN_BATCH = 1
XASO_STAMP_SCAN_SECONDS = 0

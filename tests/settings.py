"""Test settings: xaso's own, with tasks run inline and a fast password hasher."""

import os

os.environ.setdefault("XASO_VAR_DIR", os.path.join(os.path.dirname(__file__), "..", "var", "test"))

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
    # Several checkouts may test against one server at once: each names its own test database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("XASO_TEST_DB", "test_xaso")}  # noqa: F405
# Stamp scans are written at once, not batched by a background thread (xaso.economy.scans);
# tests/economy/test_stamp_scans_batched.py switches batching on where it is under test.
XASO_STAMP_SCAN_BATCH = 1
XASO_STAMP_SCAN_SECONDS = 0

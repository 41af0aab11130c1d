"""xaso settings: one file, read from the environment through strict helpers (xaso.core.env).

Every setting xaso reads is defined here, with its default, and read elsewhere as plain
`settings.NAME` (tests override it there); no module reads the environment or guesses a default
with getattr (tests/test_architecture.py).

Defaults make `make run` work with no setup: SQLite in WAL mode under var/, DEBUG off, a secret
key generated once into var/. Production sets DATABASE_URL, XASO_ALLOWED_HOSTS, XASO_HTTPS=1.
"""

from pathlib import Path

import dj_database_url

from xaso.core.env import (
    ImproperlyConfiguredEnv,
    audit_key_from,
    env_bool,
    env_int,
    env_list,
    env_str,
    sealing_keys_from,
    secret_key_from,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("XASO_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("XASO_DEBUG", False)
# A demo or development server with no SMS gateway shows a registration code on the page, so the
# journey can be tried (`make run` sets it); never on a server that real citizens use.
SHOW_UNSENT_CODES = env_bool("XASO_SHOW_UNSENT_CODES", DEBUG)
SECRET_KEY = secret_key_from(VAR_DIR)
# The audit chain's HMAC key and where its signed heads are appended (xaso.core.audit).
AUDIT_KEY = audit_key_from(VAR_DIR)
AUDIT_ANCHOR_PATH = Path(env_str("XASO_AUDIT_ANCHOR_PATH", str(VAR_DIR / "audit" / "anchors.jsonl")))
# Encrypts secrets at rest (TOTP keys): outside the database, like the secret key.
SEALING_KEYS = sealing_keys_from(VAR_DIR)
ALLOWED_HOSTS = env_list("XASO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
HTTPS = env_bool("XASO_HTTPS", False)
# The reverse proxies (nginx) whose X-Forwarded-For is believed: see xaso/core/forwarded.py.
XASO_TRUSTED_PROXIES = env_list("XASO_TRUSTED_PROXIES", [])
# Benchmarks only: mounts bench/ceilings.py at /_bench/ (never set in production).
BENCH_CEILINGS = env_bool("XASO_BENCH_CEILINGS", False)
SITE_URL = env_str("XASO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_otp",
    "django_tasks",
    "django_tasks_db",
    "xaso.core",
    "xaso.places",
    "xaso.accounts",
    "xaso.payments",
    "xaso.onestop",
    "xaso.economy",
    "xaso.web",
    "xaso.notify",
    "xaso.community",
    "xaso.documents",
    "xaso.dx",
    "xaso.civil",
]

MIDDLEWARE = [
    "xaso.core.forwarded.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xaso.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "xaso.accounts.two_factor.TwoFactorRequiredMiddleware",
    # After authentication: answers to a signed-in user are never cached (shared counter PCs).
    "xaso.core.middleware.PrivacyHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "xaso.core.edge.NulRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xaso.core.csp.CSPMiddleware",
    "xaso.core.middleware.RequestContextMiddleware",
    "xaso.core.middleware.DomainErrorMiddleware",
    # Axes last: it reads the outcome of authentication attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xaso.urls"
WSGI_APPLICATION = "xaso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "xaso" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xaso.web.context.site",
            ],
        },
    },
]


def _database(url: str | None) -> dict:
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=env_int("XASO_DB_CONN_MAX_AGE", 60))
        except ValueError as exc:
            raise ImproperlyConfiguredEnv(f"DATABASE_URL is not valid: {exc}") from None
        if config["ENGINE"] != "django.db.backends.postgresql" and "sqlite" not in config["ENGINE"]:
            raise ImproperlyConfiguredEnv("DATABASE_URL must be postgres:// or sqlite://")
        config.setdefault("OPTIONS", {})
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "xaso.sqlite3",
        # Keep connections: opening one runs the PRAGMAs below, which costs more than most queries.
        "CONN_MAX_AGE": env_int("XASO_DB_CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # IMMEDIATE: a write transaction takes the lock up front, so two writers queue on the
            # busy timeout instead of one failing with "database is locked" on lock upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
        },
        "TEST": {"NAME": None},
    }


DATABASES = {"default": _database(env_str("DATABASE_URL", "") or None)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The public lookup's one query on a connection of its own whose statements PostgreSQL keeps
    # prepared (server-side binding, prepared from the first run): planning cost more than running
    # it. Only xaso.onestop.lookup uses it. A pooler must keep prepared statements per client.
    DATABASES["lookup"] = {
        **DATABASES["default"],
        "OPTIONS": {**DATABASES["default"]["OPTIONS"], "server_side_binding": True, "prepare_threshold": 0},
        "TEST": {"MIRROR": "default"},
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "xaso.accounts.backends.LoginBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Leaders, province supervisors and system admins sign in with a TOTP second factor.
REQUIRE_2FA = env_bool("XASO_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Xã Số"
# django-otp's throttle: each wrong code doubles the wait by this factor (xaso.accounts.models).
OTP_TOTP_THROTTLE_FACTOR = 1
# Staff sessions end after a working day; citizens stay signed in on their own phone longer.
STAFF_SESSION_SECONDS = env_int("XASO_STAFF_SESSION_SECONDS", 8 * 3600, minimum=300)
# Idempotency keys (a filing's retry answer) are purged by the daily task after this many days.
IDEMPOTENCY_KEEP_DAYS = env_int("XASO_IDEMPOTENCY_KEEP_DAYS", 7, minimum=1)
# API tokens (POST /api/v1/auth/token) end after this many days; their holder can revoke them sooner.
API_TOKEN_DAYS = env_int("XASO_API_TOKEN_DAYS", 30, minimum=1)
SESSION_COOKIE_AGE = env_int("XASO_SESSION_SECONDS", 30 * 24 * 3600, minimum=300)
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

# Login throttling (xaso.accounts.lockout): five wrong passwords for one account from one address
# lock that address out of it for 15 minutes; twenty from all addresses together lock the account.
# An account is counted however its phone or e-mail is spelled, on the page, the admin and the API.
AXES_FAILURE_LIMIT = env_int("XASO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
XASO_LOGIN_ACCOUNT_CEILING = env_int("XASO_LOGIN_ACCOUNT_CEILING", 20, minimum=1)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "xaso.accounts.lockout.axes_username"
AXES_HANDLER = "xaso.accounts.lockout.LoginLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "xaso.web.views.auth.locked_out"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "xaso" / "locale"]
# Dates dd/mm/yyyy and numbers 1.500.000,5 wherever Django formats them (xaso/formats/vi).
FORMAT_MODULE_PATH = ["xaso.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "xaso" / "static"]
MEDIA_ROOT = Path(env_str("XASO_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Background work: the database queue by default (no extra server for a commune); RQ on Redis
# when XASO_REDIS_URL is set (the production profile for a province).
REDIS_URL = env_str("XASO_REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Template fragments that are the same for every visitor of a language (header, static
    # links, form labels: `{% cache … using="fragments" %}`), kept in each process's memory:
    # they change only with a deploy, which restarts the processes.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "TIMEOUT": None,
    },
    # Anonymous public pages and the versions of what they read (xaso.core.public_cache). Kept
    # apart from "default" so page bodies never push out rate-limit counters.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# How long a cached public page may be served after a write that bypassed model signals, or
# (without Redis) after a write in another process: pages of one process are bumped at once.
PUBLIC_PAGE_CACHE = "pages"
PUBLIC_PAGE_SECONDS = env_int("XASO_PUBLIC_PAGE_SECONDS", 60, minimum=0)
# Cookies a public page depends on (besides the language), part of the cache key: the commune
# the visitor chose (xaso.core.visitor; the header carries its services).
PUBLIC_PAGE_KEY_COOKIES = ["xaso_xa"]
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    # One cache for every worker and server, so rate limits (xaso.core.ratelimit) hold across them.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "xaso",
    }
    # Shared by every process, so a write bumps a page's version for all of them at once.
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "xaso-pages",
    }
TASKS = {
    "default": {
        "BACKEND": env_str(
            "XASO_TASKS_BACKEND",
            "django_tasks_rq.RQBackend" if REDIS_URL else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}

# Retry queues (xaso.core.outbox), one name scheme per queue, each read as XASO_<NAME>: how long a
# worker may hold a row before another takes it over (a killed worker; longer than one send
# takes), the wait after the n-th failed try (RETRY_BASE * 2**(n-1), capped at RETRY_MAX), the
# tries before the row is dead (the dead letter), and the rows one task run handles before it
# queues itself again.
# notify: e-mail, SMS and Zalo messages (xaso.notify.delivery).
NOTIFY_LEASE_SECONDS = env_int("XASO_NOTIFY_LEASE_SECONDS", 300, minimum=0)
NOTIFY_RETRY_BASE_SECONDS = env_int("XASO_NOTIFY_RETRY_BASE_SECONDS", 30, minimum=1)
NOTIFY_RETRY_MAX_SECONDS = env_int("XASO_NOTIFY_RETRY_MAX_SECONDS", 3600, minimum=1)
NOTIFY_MAX_ATTEMPTS = env_int("XASO_NOTIFY_MAX_ATTEMPTS", 6, minimum=1)
NOTIFY_BATCH = env_int("XASO_NOTIFY_BATCH", 500, minimum=1)
# exchange: documents sent to other agencies (xaso.documents.exchange.delivery).
EXCHANGE_LEASE_SECONDS = env_int("XASO_EXCHANGE_LEASE_SECONDS", 300, minimum=0)
EXCHANGE_RETRY_BASE_SECONDS = env_int("XASO_EXCHANGE_RETRY_BASE_SECONDS", 60, minimum=1)
EXCHANGE_RETRY_MAX_SECONDS = env_int("XASO_EXCHANGE_RETRY_MAX_SECONDS", 6 * 3600, minimum=1)
EXCHANGE_MAX_ATTEMPTS = env_int("XASO_EXCHANGE_MAX_ATTEMPTS", 8, minimum=1)
EXCHANGE_BATCH = env_int("XASO_EXCHANGE_BATCH", 100, minimum=1)
# How long one try may wait for the recipient.
EXCHANGE_TIMEOUT_SECONDS = env_int("XASO_EXCHANGE_TIMEOUT_SECONDS", 30, minimum=1)

# documents: the largest PDF accepted for verification, registration or signing.
DOCUMENTS_MAX_PDF_BYTES = env_int("XASO_DOCUMENTS_MAX_PDF_MB", 20, minimum=1) * 1024 * 1024
# RFC 3161 timestamp authority; empty: signatures carry the signer's own clock only.
TSA_URL = env_str("XASO_TSA_URL", "")
# Certificate revocation lists checked when signing and verifying: files or http(s) URLs.
CRL_SOURCES = env_list("XASO_CRL_SOURCES", [])
# The PKCS#11 module (a shared library) of the USB signing tokens the commune's people use, set
# by the administrator (e.g. /usr/lib/softhsm/libsofthsm2.so); empty: no token can be enrolled.
PKCS11_MODULE = env_str("XASO_PKCS11_MODULE", "")
# How long an OCSP responder named in a certificate may take to answer (seconds).
OCSP_TIMEOUT_SECONDS = env_int("XASO_OCSP_TIMEOUT_SECONDS", 5, minimum=1)
# How long a remote signing service (CSC) may take to answer when a credential is enrolled.
SIGNING_SERVICE_TIMEOUT_SECONDS = env_int("XASO_SIGNING_SERVICE_TIMEOUT_SECONDS", 15, minimum=1)
# Days before a certificate expires when its holder and the administrators are warned.
CERTIFICATE_WARN_DAYS = env_int("XASO_CERTIFICATE_WARN_DAYS", 30, minimum=1)

EMAIL_BACKEND = env_str("XASO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("XASO_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("XASO_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("XASO_EMAIL_PORT", 25, minimum=1)
DEFAULT_FROM_EMAIL = env_str("XASO_FROM_EMAIL", "xaso@localhost")

# Notifications (xaso.notify). SMS through an HTTP gateway: POST JSON to this URL with a bearer
# token; Zalo through the Official Account API (base URL and the OA access token).
NOTIFY_SMS_URL = env_str("XASO_NOTIFY_SMS_URL", "")
NOTIFY_SMS_TOKEN = env_str("XASO_NOTIFY_SMS_TOKEN", "")
NOTIFY_ZALO_BASE_URL = env_str("XASO_NOTIFY_ZALO_BASE_URL", "https://openapi.zalo.me")
NOTIFY_ZALO_TOKEN = env_str("XASO_NOTIFY_ZALO_TOKEN", "")
NOTIFY_HTTP_TIMEOUT_SECONDS = env_int("XASO_NOTIFY_HTTP_TIMEOUT_SECONDS", 10, minimum=0)

# The largest single payment a commune asks for through a QR code (đồng); anything above is a
# typo or a matter for a different channel (xaso.payments.vietqr).
PAYMENTS_MAX_AMOUNT = env_int("XASO_PAYMENT_MAX_AMOUNT", 500_000_000, minimum=1)

# Product stamp scans are written in batches of this many, or after this many seconds, by a
# background thread (xaso.economy.scans); 1 and 0 write each scan at once.
XASO_STAMP_SCAN_BATCH = 500
XASO_STAMP_SCAN_SECONDS = 1.0

# The public dossier lookup's back-off (xaso.onestop.lookup_limits): failed lookups a client
# address may make a minute, failures on one code's phone digits before it locks (in 15 minutes),
# and that code's failures a day.
ONESTOP_LOOKUP_PER_CLIENT = 30
ONESTOP_LOOKUP_PER_CODE = 5
ONESTOP_LOOKUP_PER_CODE_DAY = 10

# Rate limits by scope, {scope: (requests, window seconds)}, overriding the defaults declared in
# code (xaso.core.ratelimit); empty: the defaults hold.
XASO_RATE_LIMITS: dict[str, tuple[int, int]] = {}

# Fonts embedded in generated PDFs (xaso.core.pdf): DejaVu has every Vietnamese letter.
XASO_PDF_FONT_DIR = Path(env_str("XASO_PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))

# Nothing loads from elsewhere: every script, style and font is served by xaso itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No policy is tried in report-only mode (a deployment may set one to test a stricter policy).
CONTENT_SECURITY_POLICY_REPORT_ONLY = None

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("XASO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# The language choice is the only other cookie: sent over HTTPS only, never to another site's form.
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
# No page uses a device feature (camera, microphone, location…): none may be asked for, by xaso
# or anything injected into it (xaso.core.middleware.PrivacyHeadersMiddleware). A file input
# with `capture` opens the phone's camera app, which this does not govern.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None

# Uploads: larger bodies are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# An uploaded picture over this many pixels is refused before it is decoded (decompression bombs).
UPLOAD_MAX_PIXELS = env_int("XASO_UPLOAD_MAX_PIXELS", 40_000_000, minimum=1_000_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Phone and personal ID numbers are masked in every log line (docs/security.md).
    "filters": {"personal_numbers": {"()": "xaso.core.privacy.MaskPersonalNumbers"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["personal_numbers"]}},
    "root": {"handlers": ["console"], "level": env_str("XASO_LOG_LEVEL", "WARNING")},
}

# Published on purpose: demo accounts only, refused with DEBUG off unless forced.
DEMO_PASSWORD = "xaso-demo-2026"  # noqa: S105
CSRF_FAILURE_VIEW = "xaso.web.views.errors.csrf_failure"

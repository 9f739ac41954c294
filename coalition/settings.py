"""Django settings for Coalition Tracker, read from the environment (see README, "Settings")."""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy

from coalition.env import (
    ConfigError,
    check_secret_key,
    documents_storage,
    parse_bool,
    parse_cache_url,
    parse_database_url,
    parse_list,
    parse_positive_int,
)

BASE_DIR = Path(__file__).resolve().parent.parent


def _fail(message: str) -> None:
    """Stop start-up with one clear line instead of a traceback."""
    sys.stderr.write(f"Configuration error: {message}\n")
    raise SystemExit(2)


try:
    DEBUG = parse_bool("DEBUG", os.environ.get("DEBUG"), default=False)
    ALLOWED_HOSTS = parse_list(os.environ.get("ALLOWED_HOSTS"), default=["127.0.0.1", "localhost", "testserver"])
    DATABASES = {"default": parse_database_url(os.environ.get("DATABASE_URL"), base_dir=BASE_DIR)}
except ConfigError as exc:
    _fail(str(exc))

# Commands that only read the models' code never sign anything, so they may run without a key
# (for example a migrations check in a pre-commit hook). Everything else is refused.
KEYLESS_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate"}

SECRET_KEY = os.environ.get("SECRET_KEY", "")
_KEYLESS = len(sys.argv) > 1 and sys.argv[0].endswith("manage.py") and sys.argv[1] in KEYLESS_COMMANDS
if not SECRET_KEY:
    if DEBUG or _KEYLESS:
        SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
    else:
        _fail("SECRET_KEY is not set. Set SECRET_KEY to a long random string, or DEBUG=1 for development.")
elif not (DEBUG or _KEYLESS):
    try:
        check_secret_key(SECRET_KEY)
    except ConfigError as exc:
        _fail(str(exc))

try:
    # Personal API tokens stop working this many days after they are made.
    API_TOKEN_LIFETIME_DAYS = parse_positive_int(
        "API_TOKEN_LIFETIME_DAYS", os.environ.get("API_TOKEN_LIFETIME_DAYS"), default=90
    )
except ConfigError as exc:
    _fail(str(exc))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_celery_beat",
    "partners",
    "health",
    "reports",
    "imports",
    "demo",
    "audit",
    "analytics",
    "documents",
    "notifications",
]

MIDDLEWARE = [
    # Outermost, so a database outage anywhere below answers 503 (see coalition/middleware.py).
    "coalition.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files carry it too.
    "coalition.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Below WhiteNoise and authentication: signed-in answers, never static files (see its docstring).
    "coalition.middleware.PrivateNoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "audit.middleware.SessionLimitsMiddleware",
    "audit.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "coalition.middleware.ReplicaReadsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "coalition.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partners.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "coalition.wsgi.application"

# django-axes watches every sign-in (pages, admin, API) before Django's own backend checks it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# Dates in each language's own order; English writes the day first (coalition/formats/en).
FORMAT_MODULE_PATH = ["coalition.formats"]
LANGUAGES = [("en", "English"), ("es", "Español"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE") or "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded files (partnership documents) are never served at a public URL: every download goes
# through a view that checks permission and audits it.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": documents_storage(os.environ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
try:
    DOCUMENTS_MAX_UPLOAD_BYTES = parse_positive_int(
        "DOCUMENTS_MAX_UPLOAD_BYTES", os.environ.get("DOCUMENTS_MAX_UPLOAD_BYTES"), default=10 * 1024 * 1024
    )
except ConfigError as exc:
    _fail(str(exc))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "partners:dashboard"
LOGOUT_REDIRECT_URL = "partners:dashboard"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "coalition-tracker@localhost")
# The address e-mails link to (unsubscribe, preferences, meetings): where people reach the site.
SITE_URL = (os.environ.get("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
# The mail server of the SMTP backend (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
try:
    EMAIL_USE_TLS = parse_bool("EMAIL_USE_TLS", os.environ.get("EMAIL_USE_TLS"), default=False)
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
except ConfigError as exc:
    _fail(str(exc))
except ValueError:
    _fail(f"EMAIL_PORT={os.environ['EMAIL_PORT']!r} is not a port number; use a whole number such as 587.")

# Sessions end after 30 idle minutes and 12 hours at most (audit.middleware.SessionLimitsMiddleware).
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS: production defaults; behind a reverse proxy that terminates TLS set TRUSTED_PROXY_COUNT
# (how many proxies add to X-Forwarded-For) so the real scheme and client address are used.
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
    SECURE_SSL_REDIRECT = parse_bool("SECURE_SSL_REDIRECT", os.environ.get("SECURE_SSL_REDIRECT"), default=not DEBUG)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
    SECURE_HSTS_PRELOAD = parse_bool("SECURE_HSTS_PRELOAD", os.environ.get("SECURE_HSTS_PRELOAD"), default=True)
except (ConfigError, ValueError) as exc:
    _fail(f"{exc} (TRUSTED_PROXY_COUNT and SECURE_HSTS_SECONDS take whole numbers)")

# Two-factor sign-in (audit/two_factor.py): the roles that must use it, both unless the environment
# says otherwise (TWO_FACTOR_REQUIRED_FOR= with nothing after it requires it of nobody).
TWO_FACTOR_REQUIRED_FOR = parse_list(os.environ.get("TWO_FACTOR_REQUIRED_FOR"), default=["admin", "coordinator"])
if set(TWO_FACTOR_REQUIRED_FOR) - {"admin", "coordinator"}:
    _fail(f"TWO_FACTOR_REQUIRED_FOR={','.join(TWO_FACTOR_REQUIRED_FOR)!r} names a role other than admin, coordinator.")
# Accounts spared the second factor, for the demo of `make run` only: never honoured without DEBUG.
TWO_FACTOR_EXEMPT_USERNAMES = parse_list(os.environ.get("TWO_FACTOR_EXEMPT_USERNAMES"), default=[])
if TWO_FACTOR_EXEMPT_USERNAMES and not DEBUG:
    _fail("TWO_FACTOR_EXEMPT_USERNAMES is for the development demo only (DEBUG=1); unset it in production.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Strict Content-Security-Policy (django-csp 4): no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# A view that needs more says so with django-csp's decorators (csp_update; see coalition/urls.py).

# Sign-in throttling per (account, address) pair: one shared office address cannot lock out a
# whole organisation. Five failures, then a 15-minute pause; admins unlock in the admin.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "audit/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "audit.events.client_ip"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Coalition Tracker"

# Read replica for analytics and exports (coalition/db_routers.py, docs/deployment.md).
try:
    if os.environ.get("REPLICA_DATABASE_URL"):
        DATABASES["replica"] = parse_database_url(os.environ["REPLICA_DATABASE_URL"], base_dir=BASE_DIR)
except ConfigError as exc:
    _fail(str(exc).replace("DATABASE_URL", "REPLICA_DATABASE_URL"))
DATABASE_ROUTERS = ["coalition.db_routers.ReplicaRouter"]
REPLICA_READ_PATHS = (
    parse_list(os.environ.get("REPLICA_READ_PATHS"), default=["/analytics/", "/api/v1/analytics/", "/exports/"])
    if "replica" in DATABASES
    else []
)

# The empty choice of a filter box reads "Any", not "---------".
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("Any")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # Ordering is part of each FilterSet (`ordering=`), shared with the pages.
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "partners.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "coalition.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "partners.api.exceptions.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "partners.api.negotiation.ContentNegotiation",
    # Writes take JSON (nested lists such as a meeting's participations cannot travel as form
    # fields); only views that receive a file declare multipart (partners.api.negotiation).
    # The schema advertises exactly these; anything else answers 415 naming them.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_THROTTLE_CLASSES": [
        "partners.api.throttling.AnonRateThrottle",
        "partners.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "2000/minute"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Coalition Tracker API",
    "DESCRIPTION": (
        "Directory, activity log and collaboration analytics for coalitions against human "
        "trafficking. Never send personal data of victims or survivors."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Operations are tagged and named by resource (`meetings_create`, not `v1_meetings_create`):
    # clients generated from the schema group their functions by tag (tests/api/test_generated_client.py).
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Organisations have one country, coalitions several: one enum for both.
    "ENUM_NAME_OVERRIDES": {
        "CountryEnum": "django_countries.countries",
        # Shared by meetings and planned meetings: one name each, as before planning existed.
        "MeetingKindEnum": "partners.choices.MeetingKind",
        "MeetingVisibilityEnum": "partners.choices.MeetingVisibility",
        "StatusEnum": "partners.choices.PartnershipStatus",
        "InvitationAnswerEnum": "partners.api.serializers.planning.ANSWERS",
        "DocumentKindEnum": "documents.choices.DocumentKind",
    },
    # Every operation also documents the shared error answers (coalition/openapi.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "coalition.openapi.add_error_responses",
        "coalition.openapi.share_parameter_enums",
    ],
}

# Spreadsheet imports: the largest file and the most rows one upload may hold.
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "5000"))

# Form widgets render through the project's templates, so templates/django/forms/ can replace
# Django's own (the select there writes its options inline: a list of 400 coalitions or
# 10,000 organisations renders several times faster than with one include per option).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Per process unless CACHE_URL names a Redis server shared by every worker (see
# docs/deployment.md): network measures and API throttling are then computed and counted once.
try:
    CACHES = {"default": parse_cache_url(os.environ.get("CACHE_URL"))}
except ConfigError as exc:
    sys.exit(f"Configuration error: {exc}")

# Background work (coalition/celery.py, docs/deployment.md). CELERY_BROKER_URL names the Redis
# that carries tasks to the workers; without it every task runs at once in the process that
# asks for it, so `make run` and the tests need no broker and no worker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A job's state lives in its own row (ImportJob, ReportJob), so no result backend is kept.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged when it ends, so a worker lost mid-task leaves it to another worker;
# the tasks are idempotent, and each worker takes one task at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A running job not heard of for this long is shown as failed (its worker died): see partners/jobs.py.
BACKGROUND_JOB_STALE_AFTER = timedelta(seconds=int(os.environ.get("BACKGROUND_JOB_STALE_AFTER", "120")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

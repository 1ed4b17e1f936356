"""Kulturplan settings, read from environment variables (names fixed by DESIGN.md)."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "django-insecure-development-key-only-for-debug-mode-kulturplan"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", ["http://localhost:8000", "http://127.0.0.1:8000"]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "simple_history",
    "csp",
    "culture_plan",
    "activities",
    "followup",
    "internal_control",
    "governance",
    "evaluation",
    "axes",
    "djangosaml2",
    "accounts",
    # Open and connected (DESIGN): the public calendar and open data; the REST API.
    # api.wording before rest_framework: its catalogue keeps Django's Swedish wording of the
    # few messages DRF translates differently ("Detta fält måste fyllas i.").
    "public",
    "api",
    "api.wording",
    "rest_framework",
    # API keys stored only as a hash (api.authentication); replaces rest_framework.authtoken.
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Above every app: the demo (seed_demo) and the benchmark data commands.
    "demo",
    "benchmarks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a safe request's reads may come from the read replica.
    "kulturplan.db_router.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kulturplan.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "djangosaml2.middleware.SamlSessionMiddleware",
    "accounts.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it turns a lockout found while signing in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kulturplan.urls"

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
                "django.template.context_processors.i18n",
                "kulturplan.context_processors.navigation",
            ],
        },
    },
    # The hot fragments only (jinja2/): rows repeated per activity, checkbox lists.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "kulturplan.jinja2_environment.environment"},
    },
]

# Django's form and widget templates through Jinja2 (kulturplan/form_renderer.py: the same
# markup, half the CPU for long selects), the admin's own through the Django engine.
FORM_RENDERER = "kulturplan.form_renderer.FormRenderer"

WSGI_APPLICATION = "kulturplan.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A streaming read replica (issue 23, docs/operations.md "The fleet"): reads that may lag go
# there, writes and the reads after them to the primary (kulturplan/db_router.py). In tests
# the alias mirrors default.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["kulturplan.db_router.PrimaryReplicaRouter"]
# After a write, the same browser reads the primary for this many seconds (read-your-writes);
# a replica that cannot be reached is tried again after DATABASE_REPLICA_RETRY_SECONDS.
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))
DATABASE_REPLICA_RETRY_SECONDS = float(os.environ.get("DATABASE_REPLICA_RETRY_SECONDS", "5"))

# The cache of computed figures and rendered fragments (activities.versions: keyed by the
# version of the data they are made of, so any backend is correct). REDIS_URL: Django's
# RedisCache, shared by every app server (production); without it each process keeps its own
# local-memory cache (one server, development, tests).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kulturplan"),
            "TIMEOUT": 60 * 60,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kulturplan",
            "TIMEOUT": 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
# Each language in its own name, as a language menu should show it.
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kulturplan.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files users upload (the Excel import between preview and confirm) go through Django's storage
# API; point MEDIA_ROOT at a volume the app servers share, or STORAGES at an object store.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or not env_bool("STATIC_MANIFEST", True)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded Excel files wait in the default storage between preview and confirmation.
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Content-Security-Policy: nothing inline, nothing from outside (DESIGN: browser side).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Security: production sits behind a TLS proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Follow-up: thresholds behind the suggested status lights (the manager decides).
KULTURPLAN_THRESHOLDS = {
    # E: red when the forecast overruns the budget by more than this share, yellow above 0.
    "economy_red_overrun": 0.05,
    "economy_yellow_overrun": 0.0,
    # P: sick leave in percent (short + long) above which the light is yellow / red.
    "sick_leave_yellow": 5.0,
    "sick_leave_red": 10.0,
    # A: workload balance 1–5, at or below which the light is yellow / red.
    "workload_yellow": 3,
    "workload_red": 2,
}

# Kolada, the national database of municipal key figures (governance: kolada_sync).
KOLADA_BASE_URL = os.environ.get("KOLADA_BASE_URL", "https://api.kolada.se/v3")
# Sign-in (DESIGN: Trust). Sessions end after 8 hours without a request and when the browser
# closes; every request of a signed-in user moves the 8 hours on.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: 5 failed sign-ins for one username from one address lock that pair for
# 15 minutes; every failure is logged (axes' tables, shown in the admin, and the log).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# And a ceiling per account across addresses (accounts.lockout): 20 failures of one username
# from any addresses within the cool-off time refuse it everywhere until 15 minutes after
# the latest.
AXES_HANDLER = "accounts.lockout.AccountCeilingHandler"
AXES_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("AXES_ACCOUNT_FAILURE_LIMIT", "20"))
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The lockout lasts 15 minutes from the fifth failure; attempts during it do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Behind the TLS proxy the client's address is the proxy's unless the app is told how many
# proxies append to X-Forwarded-For (0: use REMOTE_ADDR, the default).
if int(os.environ.get("AXES_PROXY_COUNT", "0") or 0) > 0:
    AXES_IPWARE_PROXY_COUNT = int(os.environ["AXES_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Single sign-on (accounts/): each protocol is off until its variables are set. A person who
# signs in is matched to an existing user by e-mail or username; no user is created and roles
# stay in the app (memberships). See README "Single sign-on".
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT)
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
# mozilla-django-oidc sends a refused sign-in here.
LOGIN_REDIRECT_URL_FAILURE = "/konto/ingen-atkomst/"
OIDC_TIMEOUT = 10

SAML_IDP_METADATA_URL = os.environ.get("SAML_IDP_METADATA_URL", "")
SAML_IDP_METADATA_FILE = os.environ.get("SAML_IDP_METADATA_FILE", "")
SAML_IDP_METADATA_CERT_FILE = os.environ.get("SAML_IDP_METADATA_CERT_FILE", "")
SAML_SP_ENTITY_ID = os.environ.get("SAML_SP_ENTITY_ID", "")
SAML_SP_KEY_FILE = os.environ.get("SAML_SP_KEY_FILE", "")
SAML_SP_CERT_FILE = os.environ.get("SAML_SP_CERT_FILE", "")
SAML_XMLSEC_BINARY = os.environ.get("SAML_XMLSEC_BINARY", "/usr/bin/xmlsec1")
SAML_ENABLED = bool(SAML_SP_ENTITY_ID and (SAML_IDP_METADATA_URL or SAML_IDP_METADATA_FILE))
SAML_CONFIG_LOADER = "accounts.saml.sp_config"
SAML_CREATE_UNKNOWN_USER = False
SAML_ACS_FAILURE_RESPONSE_FUNCTION = "accounts.views.saml_failure"
SAML_SESSION_COOKIE_NAME = "saml_session"
# The IdP posts its answer from another site: the short-lived SAML cookie must come along.
SAML_SESSION_COOKIE_SAMESITE = "None"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked.
    "accounts.backends.ThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("accounts.backends.MunicipalOIDCBackend")
if SAML_ENABLED:
    AUTHENTICATION_BACKENDS.append("accounts.backends.MunicipalSAMLBackend")
# Open and connected (DESIGN): the public calendar, and the REST API for other systems.
# The calendar's UIDs are activity-<id>@PUBLIC_CALENDAR_UID_DOMAIN, or @<the event's
# municipality's slug> when empty; never the request's host, so UIDs never change with it.
PUBLIC_CALENDAR_UID_DOMAIN = os.environ.get("PUBLIC_CALENDAR_UID_DOMAIN", "")
PUBLIC_CALENDAR_PAST_DAYS = 90
PUBLIC_CALENDAR_FUTURE_DAYS = 400

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that a request without credentials is answered 401, not 403. The
        # key is stored hashed (django-rest-knox); wrong keys are throttled per address.
        "api.authentication.HashedTokenAuthentication",
        # For the browsable API of a signed-in user; DRF enforces CSRF for it.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "30/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "600/minute"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# django-rest-knox: `Authorization: Token KEY`, keys that do not expire (revoked with
# `api_token --rotate` or in the admin), one made by each `api_token` run.
REST_KNOX = {"TOKEN_TTL": None, "AUTH_HEADER_PREFIX": "Token", "AUTO_REFRESH": False}
# Wrong API keys from one address before it gets 429 for AXES_COOLOFF_TIME (like passwords).
API_KEY_FAILURE_LIMIT = int(os.environ.get("API_KEY_FAILURE_LIMIT", "5"))
SPECTACULAR_SETTINGS = {
    "TITLE": "Kulturplan API",
    "DESCRIPTION": (
        "Rapporter (samma JSON som kommandot report) och aktiviteter för kommunens andra "
        "system. Autentisering: Authorization: Token NYCKEL (manage.py api_token)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Error answers (400, 401, 403, 404, 429) and the reports' typed answers (api/openapi.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.openapi.add_common_responses",
    ],
}
# Trust (DESIGN "Trust: integrity, limits and sign-in", docs/security-integrity.md).
# REQUIRE_SEPARATE_APPROVER=1: a monthly report is approved by someone other than its submitter.
REQUIRE_SEPARATE_APPROVER = env_bool("REQUIRE_SEPARATE_APPROVER", False)
# Uploaded Excel files wait between preview and confirmation in the default storage, here.
IMPORT_UPLOAD_PREFIX = os.environ.get("IMPORT_UPLOAD_PREFIX", "imports")
# E-mail (reminders, DESIGN "Everyday use"): an SMTP server from the environment.
# A site or a test may choose another backend (console, file, locmem) by its dotted path.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kulturplan <kulturplan@localhost>")
# Reminders: a month's report is overdue from this day of the following month.
REMINDER_REPORT_DUE_DAY = int(os.environ.get("REMINDER_REPORT_DUE_DAY", "10"))
# The accessibility statement (/tillganglighet/): where users report problems.
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get(
    "ACCESSIBILITY_CONTACT_EMAIL", "kulturplan@flen.example.se"
)
# The app's own address, for links in e-mails (no request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# Past one machine (issue 23, docs/operations.md "The fleet"): every app server must see the
# same sessions, cache and uploads. Sessions live in the database (Django's default), read
# through the shared cache when REDIS_URL is set (cached_db: a cache miss falls back to the
# row, so losing Redis signs nobody out). Uploads go through STORAGES["default"] into
# MEDIA_ROOT, a folder the servers share (or an object store's storage backend).
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

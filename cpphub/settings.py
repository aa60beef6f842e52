"""CPP Hub settings: one file, driven by environment variables.

Every value that differs between a laptop and a production server is read from
the environment through the small typed helpers below, which fail loudly on a
bad value. SQLite is the default database; ``DATABASE_URL`` switches to
PostgreSQL. No secret has a literal production default.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("CPPHUB_VAR_DIR", PROJECT_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# Production is anything that is not explicitly a development or test run.
PRODUCTION = envbool("CPPHUB_PRODUCTION", False)


def _secret_key() -> str:
    """The key from SECRET_KEY; on a developer machine a key generated into var/."""
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production (CPPHUB_PRODUCTION=true).")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _field_keys() -> list[str]:
    """The keys that encrypt identifying fields at rest, newest first (``cpphub rotate-key`` re-encrypts).

    From CPPHUB_FIELD_KEYS (comma-separated Fernet keys); on a developer machine a key generated into var/.
    """
    keys = envlist("CPPHUB_FIELD_KEYS", [])
    if keys:
        return keys
    if PRODUCTION:
        raise ImproperlyConfigured("CPPHUB_FIELD_KEYS must be set in production (CPPHUB_PRODUCTION=true).")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "field_keys"
    if not path.exists():
        # Written aside and linked into place: two processes starting at once end up with the same key.
        draft = VAR_DIR / f".field_keys.{os.getpid()}"
        draft.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
        draft.chmod(0o600)
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
        draft.unlink()
    return [key.strip() for key in path.read_text().split(",") if key.strip()]


FIELD_ENCRYPTION_KEYS = _field_keys()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
# How many reverse proxies (nginx, a load balancer) stand in front of CPP Hub and
# append to X-Forwarded-For. 0: clients connect directly; REMOTE_ADDR is theirs.
TRUSTED_PROXIES = envint("CPPHUB_TRUSTED_PROXIES", 0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # CPP Hub, ground first
    "cpphub.accounts",
    "cpphub.audit",
    "cpphub.partnership",
    "cpphub.mapping",
    "cpphub.planning",
    "cpphub.national",
    "cpphub.connect",
    "cpphub.coordination",
    "cpphub.shell",
    "cpphub.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cpphub.audit.middleware.RequestContextMiddleware",
    "cpphub.accounts.middleware.TwoFactorEnforcementMiddleware",
    # Axes must be last so that it sees the final response of a failed sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cpphub.urls"
WSGI_APPLICATION = "cpphub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cpphub.shell.context_processors.shell",
            ],
        },
    },
]

# Databases ---------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "cpphub.sqlite3")),
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; the busy
                # timeout makes a second writer wait instead of failing.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts, sign-in and sessions -------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "shell:home"
LOGOUT_REDIRECT_URL = "two_factor:login"

# Idle sessions end after 30 minutes: every request renews the cookie.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Two-factor sign-in (django-two-factor-auth on django-otp).
TWO_FACTOR_PATCH_ADMIN = False
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
OTP_TOTP_ISSUER = "CPP Hub"

# Lockout after 5 failed sign-ins for 30 minutes, per account and per client address.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# One answer everywhere to "which address is the client?" (audit, lockout, rate limits).
AXES_CLIENT_IP_CALLABLE = "cpphub.audit.middleware.request_ip"
AXES_USERNAME_FORM_FIELD = "auth-username"
# Django's authenticate() reports the attempt as "username", the wizard posts "auth-username":
# this reads either, lower-cased, so that the account itself is locked.
AXES_USERNAME_CALLABLE = "cpphub.accounts.lockout.attempted_email"
# Failed attempts keep their POST data: never the password (or the rest of the sign-in form).
AXES_PASSWORD_FORM_FIELD = "auth-password"  # noqa: S105 - a field name, not a password
AXES_SENSITIVE_PARAMETERS = ["username", "auth-username", "ip_address", "csrfmiddlewaretoken"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cpphub.accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False

# Caches: the password-reset throttle counts requests here. The memory of one process by default;
# several processes (gunicorn workers) must share the database cache, whose table
# `cpphub createcachetable` makes once.
CACHES = {
    "default": {
        "BACKEND": (
            "django.core.cache.backends.db.DatabaseCache"
            if envbool("CPPHUB_SHARED_CACHE", False)
            else "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": "cpphub_cache",
        # Room for many client addresses, so a flood of them cannot push the counts out.
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}

# Background jobs (large submission imports): kept in the database and run by
# `cpphub db_worker`, which `cpphub serve` starts beside the web server.
# CPPHUB_TASKS_IMMEDIATE=true runs them at once in the process that enqueues them.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if envbool("CPPHUB_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# Email: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CPP Hub <no-reply@cpphub.localhost>")

# Languages -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pt-br", _("Portuguese (Brazil)")),
    ("th", _("Thai")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# Static files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production WhiteNoise serves straight from the app folders (no
# collectstatic needed), also with DEBUG off, so `make run` shows a styled site.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# REST API ---------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute", "user": "600/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CPP Hub API",
    "DESCRIPTION": "The partnership registry, Triple A work and results of the Child Protection Partnership.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "scope" or "kind": name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "MembershipScopeEnum": "cpphub.accounts.models.Membership.Scope",
        "ConsentScopeEnum": "cpphub.mapping.models.people.Consent.Scope",
        "MappingSessionKindEnum": "cpphub.mapping.models.people.MappingSession.Kind",
        "QuestionKindEnum": "cpphub.mapping.models.instruments.Question.Kind",
        "FindingKindEnum": "cpphub.mapping.models.findings.Finding.Kind",
        "AgeBandEnum": "cpphub.mapping.models.people.AgeBand",
        "SexEnum": "cpphub.mapping.models.people.Sex",
        "SectorEnum": "cpphub.partnership.models.Sector.Code",
        "RiskDimensionEnum": "cpphub.mapping.models.instruments.RiskDimension",
        "ActionStatusEnum": "cpphub.planning.models.create.Action.Status",
        "ContributionStatusEnum": "cpphub.coordination.models.actions.Contribution.Status",
        "ContributionKindEnum": "cpphub.coordination.models.actions.Contribution.Kind",
        "AllocationRunStatusEnum": "cpphub.coordination.models.allocation.AllocationRun.Status",
        "CaseOutcomeEnum": "cpphub.connect.models.referrals.Case.Outcome",
        "OutcomeEnum": "cpphub.planning.models.create.Outcome",
        "CaseStatusEnum": "cpphub.connect.models.referrals.Case.Status",
        "ConsentInformationEnum": "cpphub.connect.models.referrals.Consent.Information",
        "ReferralStatusEnum": "cpphub.connect.models.referrals.Referral.Status",
        "ServiceStatusEnum": "cpphub.connect.models.directory.Service.Status",
        "ServiceLocationKindEnum": "cpphub.connect.models.directory.ServiceLocation.Kind",
        "ReferralSexEnum": "cpphub.connect.models.referrals.Sex",
        "ReferralAgeBandEnum": "cpphub.connect.models.referrals.AgeBand",
        "RiskLevelEnum": "cpphub.connect.models.pathways.RiskLevel",
        "NeedEnum": "cpphub.connect.models.pathways.Need",
        "GivenByEnum": "cpphub.mapping.models.people.Consent.GivenBy",
        "CaseConsentGivenByEnum": "cpphub.connect.models.referrals.Consent.GivenBy",
    },
}

# Security headers -------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)

# Logging: warnings and errors to the console, where the service manager keeps them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Demo: the sign-in password of the demo users made by `cpphub demo`.
DEMO_PASSWORD = os.environ.get("CPPHUB_DEMO_PASSWORD", "cpp-demo-2026")

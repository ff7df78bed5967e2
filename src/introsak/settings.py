"""Django settings for Introsak: one module, driven by environment variables.

``INTROSAK_ENV`` selects the profile: ``development`` (default; safe local defaults, SQLite),
``test`` (used by the test suite) or ``production`` (refuses to start without a secret key and
turns on every transport-security setting). ``DATABASE_URL`` selects PostgreSQL; without it
the application uses SQLite in ``var/``. See README "Configuration" for every variable.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from introsak.env import env_bool, env_date, env_int, env_list, env_str
from introsak.identity import allow_synthetic_ids_from_env

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent  # the repository root
PACKAGE_DIR = Path(__file__).resolve().parent

INTROSAK_ENV = env_str("INTROSAK_ENV", "development")
if INTROSAK_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("INTROSAK_ENV must be development, test or production")
PRODUCTION = INTROSAK_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=INTROSAK_ENV == "development")

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
    # Not a secret: only ever used on a developer's machine or in tests.
    SECRET_KEY = "development-only-key-" + "x" * 40

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "introsak.accounts.apps.IntrosakAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "introsak.core",
    "introsak.accounts",
    "introsak.cases",
    "introsak.access",
    "introsak.web",
    "introsak.workspace",
    "introsak.stats",
    "introsak.audits",
    "introsak.demo_site",
    "introsak.placements",
    "introsak.early",
    "introsak.early.participant",
    "introsak.intake",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "introsak.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # a 403 that no check wrote to the security log is written there
    "introsak.access.middleware.RefusalLogMiddleware",
    # no-store on every logged-in response, Permissions-Policy (wraps everything below)
    "introsak.core.middleware.SecurityHeadersMiddleware",
    # 400 for an identity number in the address
    "introsak.core.middleware.IdentityNumberInUrlMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # idle (30 min) and absolute (12 h) session limits
    "introsak.core.middleware.SessionTimeoutMiddleware",
    # a password alone opens only the two-factor pages (INTROSAK_REQUIRE_2FA)
    "introsak.accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Static files are served by WhiteNoise (after `collectstatic`) in production and in the
# demo (`make demo`, INTROSAK_SERVE_STATIC); `make dev`'s runserver serves them otherwise.
SERVE_STATIC = env_bool("INTROSAK_SERVE_STATIC", default=PRODUCTION)
if SERVE_STATIC:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "introsak.urls"
WSGI_APPLICATION = "introsak.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "introsak.core.context_processors.introsak",
                "introsak.web.context_processors.navigation",
                "introsak.accounts.context_processors.auth_options",
            ],
        },
    },
    {
        # The hot partials only (``introsak.web.jinja``): ``<app>/jinja2/`` directories.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "introsak.web.jinja.environment"},
    },
]

# --- Database -------------------------------------------------------------------------------
_database_url = env_str("DATABASE_URL")
if _database_url:
    # Connections are kept for 60 s, and checked before a request reuses one, so a database
    # restart costs no failed request (a stale connection is replaced, not used). A database
    # that does not answer fails a request after INTROSAK_DB_CONNECT_TIMEOUT seconds (503).
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    }
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("INTROSAK_DB_CONNECT_TIMEOUT", 5)
    )
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("INTROSAK_SQLITE_PATH", str(BASE_DIR / "var" / "introsak.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not Django's default in-memory test database: the live server used by
            # the browser tests serves several requests at once, and an in-memory database
            # is one connection shared across those threads.
            "TEST": {"NAME": str(BASE_DIR / "var" / "test_introsak.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Request size ---------------------------------------------------------------------------
# A request body (other than file uploads; Introsak takes none) of at most 2 MiB. The largest
# form, the meeting minutes, has seven free texts of at most 20,000 characters
# (casefacts.parse.MAX_TEXT_CHARS): 1.7 MB URL-encoded even if every character took four
# UTF-8 bytes. A larger body is refused with 400 before it is read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # admin-site model permissions from the role (case data is ruled by access.permissions)
    "introsak.accounts.backends.RolePermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed log-ins are throttled per user name and address (django-axes); each failure and each
# lockout is written to the security log (accounts.signals).
AXES_FAILURE_LIMIT = env_int("INTROSAK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("INTROSAK_LOGIN_THROTTLING", default=True)
AXES_LOCKOUT_CALLABLE = "introsak.accounts.views.locked_out"
AXES_VERBOSE = False  # axes' own log lines would repeat user names; the security log has them
# Reverse proxies in front of Introsak whose X-Forwarded-For is trusted (accounts.client).
INTROSAK_TRUSTED_PROXIES = env_int("INTROSAK_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "introsak.accounts.client.client_ip"

# Two-factor log-in (TOTP, django-otp) for every staff account. On by default in production
# (the deploy check warns if it is off there); off by default for development and tests so a
# local demo needs no phone. `make demo` turns it off explicitly.
INTROSAK_REQUIRE_2FA = env_bool("INTROSAK_REQUIRE_2FA", default=PRODUCTION)
OTP_TOTP_ISSUER = "Introsak"
# In production nobody but the user ever sees a device's secret or QR code, not even an
# administrator (who can only remove a lost device there; accounts.admin).
OTP_ADMIN_HIDE_SENSITIVE_DATA = PRODUCTION

# Log-in through the municipality's identity provider (OpenID Connect), optional. See
# docs/security.md "OpenID Connect". Only existing active users can log in this way.
INTROSAK_OIDC_ENABLED = env_bool("INTROSAK_OIDC_ENABLED", default=False)
INTROSAK_OIDC_PROVIDER_NAME = env_str("INTROSAK_OIDC_PROVIDER_NAME", "Oslo kommune")
INTROSAK_OIDC_USERNAME_CLAIM = env_str("INTROSAK_OIDC_USERNAME_CLAIM", "preferred_username")
INTROSAK_OIDC_REQUIRE_MFA = env_bool("INTROSAK_OIDC_REQUIRE_MFA", default=True)
# A session started through the identity provider counts as two-factor verified (its MFA was
# checked in the ID token's amr claim when INTROSAK_OIDC_REQUIRE_MFA is on).
INTROSAK_OIDC_MFA_FROM_IDP = INTROSAK_OIDC_REQUIRE_MFA
if INTROSAK_OIDC_ENABLED:
    OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT")
    _missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured(f"INTROSAK_OIDC_ENABLED needs {', '.join(_missing)}")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid profile email")
    OIDC_USE_PKCE = True
    OIDC_CREATE_USER = False
    OIDC_STORE_ID_TOKEN = bool(OIDC_OP_LOGOUT_ENDPOINT)
    AUTHENTICATION_BACKENDS.insert(1, "introsak.accounts.oidc.IntrosakOIDCBackend")

# --- Sessions and cookies -------------------------------------------------------------------
SESSION_COOKIE_AGE = 12 * 60 * 60  # the cookie's own limit: 12 hours
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60  # a log-in lasts at most 12 hours (core.middleware)
SESSION_IDLE_TIMEOUT = 30 * 60  # and ends after 30 minutes without a request (core.middleware)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "introsak.access.views.csrf_failure"  # refusals go to the security log
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    # __Host- cookies: only over HTTPS, only for this host, path /.
    SESSION_COOKIE_NAME = "__Host-introsak-session"
    CSRF_COOKIE_NAME = "__Host-introsak-csrf"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict Content-Security-Policy: no inline script or style anywhere (django-csp 4).
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
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
    ("ti", _("Tigrinya")),
    # Dari: Persian as written in Afghanistan (introsak.early.languages).
    ("fa-af", _("Dari")),
]
# Staff pages are offered in these; uk and ru are for participant-facing pages.
STAFF_LANGUAGES = ["nb", "en"]
# core's catalogues (the shared layout) take precedence over every app's, Django's included.
LOCALE_PATHS = [PACKAGE_DIR / "core" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/htmx", _NODE / "htmx.org" / "dist"),
    ("vendor/designsystemet-css", _NODE / "@digdir" / "designsystemet-css" / "dist"),
    ("vendor/inter", _NODE / "@fontsource-variable" / "inter"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Production: hashed names (cache forever) and compressed copies; the demo: compressed
        # copies; development and tests: the plain files.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "whitenoise.storage.CompressedStaticFilesStorage"
            if SERVE_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Logging: no personal data. Loggers log ids and counts, never names or identity numbers;
# every handler also masks any 11- or 12-digit number (core.logging), checked by a system check.
_LOG_LEVEL = env_str("INTROSAK_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_identity_numbers": {"()": "introsak.core.logging.MaskIdentityNumbersFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_identity_numbers"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("INTROSAK_LOG_LEVEL", "WARNING")},
    "loggers": {
        name: {"handlers": ["console"], "level": level, "propagate": False}
        for name, level in (
            ("django", "INFO"),
            ("django.request", "ERROR"),
            ("django.server", "INFO"),
            ("django.security", "WARNING"),
            ("axes", "WARNING"),
            ("introsak", _LOG_LEVEL),
            ("gunicorn.error", "INFO"),
            ("gunicorn.access", "INFO"),
        )
    },
}

# --- Introsak -------------------------------------------------------------------------------
# A fixed "today" for the demo (a snapshot of Oslo on the report's statistics date). Unset in
# production: the application's clock is the real date.
INTROSAK_AS_OF = env_date("INTROSAK_AS_OF")
# Synthetic test identity numbers (month + 80) are accepted only when this allows it.
INTROSAK_ALLOW_SYNTHETIC_IDS = allow_synthetic_ids_from_env()
# Key for pseudonymised exports (HMAC). Required in production; a fixed key elsewhere.
INTROSAK_PSEUDONYM_KEY = env_str("INTROSAK_PSEUDONYM_KEY")
if not INTROSAK_PSEUDONYM_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("INTROSAK_PSEUDONYM_KEY must be set in production")
    INTROSAK_PSEUDONYM_KEY = "development-only-pseudonym-key"
# Fernet keys for the early-contact answers (introsak.early.crypto): comma-separated, the
# first encrypts, all decrypt (rotation: docs/early-contact.md). Required in production.
INTROSAK_EARLY_KEYS = env_list("INTROSAK_EARLY_KEYS", [])
if not INTROSAK_EARLY_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured("INTROSAK_EARLY_KEYS must be set in production")
    INTROSAK_EARLY_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(b"development-only-early-key").digest()).decode()
    ]
# Deadlines "due soon" in the worklist: within this many days.
INTROSAK_DUE_SOON_DAYS = env_int("INTROSAK_DUE_SOON_DAYS", 14)
# Look-up in the Central Coordinating Register for Legal Entities when registering an
# employer (introsak.placements.brreg): off by default; needs a network.
INTROSAK_BRREG_ENABLED = env_bool("INTROSAK_BRREG_ENABLED", default=False)
INTROSAK_BRREG_BASE_URL = env_str(
    "INTROSAK_BRREG_BASE_URL", "https://data.brreg.no/enhetsregisteret/api"
)
INTROSAK_BRREG_TIMEOUT = env_int("INTROSAK_BRREG_TIMEOUT", 5)

# Issue 17: the participant's own view through ID-porten (OpenID Connect), off unless the
# client is configured (docs/early-contact.md, "Log-in"). A separate client from the staff's.
INTROSAK_IDPORTEN_CLIENT_ID = env_str("INTROSAK_IDPORTEN_CLIENT_ID", "")
INTROSAK_IDPORTEN_CLIENT_SECRET = env_str("INTROSAK_IDPORTEN_CLIENT_SECRET", "")
INTROSAK_IDPORTEN_AUTHORIZATION_ENDPOINT = env_str("INTROSAK_IDPORTEN_AUTHORIZATION_ENDPOINT", "")
INTROSAK_IDPORTEN_TOKEN_ENDPOINT = env_str("INTROSAK_IDPORTEN_TOKEN_ENDPOINT", "")
INTROSAK_IDPORTEN_JWKS_ENDPOINT = env_str("INTROSAK_IDPORTEN_JWKS_ENDPOINT", "")
INTROSAK_IDPORTEN_ACR = env_str("INTROSAK_IDPORTEN_ACR", "idporten-loa-substantial")

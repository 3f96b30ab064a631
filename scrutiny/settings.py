"""Settings, read from the environment.

Fail fast: a missing secret is an error, never a silent default. `make demo` writes a demo
secret into var/ and exports it; the test run sets a test key (pyproject, pytest-env).

Environment:
  SCRUTINY_SECRET_KEY     required
  DATABASE_URL            default: an embedded SQLite file var/scrutiny.sqlite3
  SCRUTINY_DEBUG          "1" for Django debug pages (never in production; stack traces)
  SCRUTINY_ALLOWED_HOSTS  comma-separated, default "localhost,127.0.0.1"
  SCRUTINY_VAR_DIR        where the SQLite file and uploads live, default ./var
  SCRUTINY_HTTPS          "1" behind HTTPS: secure cookies, HSTS, redirect to https
  SCRUTINY_PROXY_SSL_HEADER  the header a TLS proxy sets, e.g. "X-Forwarded-Proto" (value https)
  SCRUTINY_CSRF_TRUSTED_ORIGINS  comma-separated origins allowed to post forms (https://...)
  SCRUTINY_EMAIL_HOST     SMTP server for invitations (with _PORT, _USER, _PASSWORD, _TLS,
                          and SCRUTINY_EMAIL_FROM); unset: mail is printed to the console
  SCRUTINY_SESSION_HOURS  how long a signed-in session lasts, default 8
  SCRUTINY_SESSION_AT_BROWSER_CLOSE  "0" to keep a session after the browser closes; default "1"
  SCRUTINY_LOCKOUT_MINUTES  how long sign-in stays locked after ten failures, default 30
  SCRUTINY_TRUSTED_PROXIES  reverse proxies in front (for the client's address), default 0
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

# Lets the classes django-stubs makes generic be written so at run time too (admin.ModelAdmin[Area]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("SCRUTINY_VAR_DIR", Path.cwd() / "var")).resolve()


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None or value == "":
        raise ImproperlyConfigured(
            f"{name} is not set. Set it in the environment (see README.md, 'Configuration')."
        )
    return value


SECRET_KEY = _env("SCRUTINY_SECRET_KEY")
DEBUG = os.environ.get("SCRUTINY_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h.strip() for h in _env("SCRUTINY_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()
]

INSTALLED_APPS = [
    "scrutiny.access.sites.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "scrutiny.core",
    "scrutiny.governance",
    "scrutiny.access",
    "scrutiny.meetings",
    "scrutiny.documents",
    "scrutiny.minutes",
    "scrutiny.programme",
    "scrutiny.publishing",
    "scrutiny.performance",
    "scrutiny.audit",
    "scrutiny.forward_plan",
    "scrutiny.annual_report",
    "scrutiny.demo",
    "scrutiny.dev",
    "scrutiny.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files keep their long caching), before the rest: the
    # Content-Security-Policy, and `private, no-store` on whatever may not be shared.
    "scrutiny.core.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "scrutiny.access.middleware.SecondStepMiddleware",
    # Once the user is known: records each opening of exempt business, or refuses to send it.
    "scrutiny.audit.middleware.ExemptOpeningMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "scrutiny.urls"
WSGI_APPLICATION = "scrutiny.wsgi.application"

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
                "scrutiny.access.context_processors.site",
            ],
        },
    },
]

# Widgets render with the project's templates (the GOV.UK date input lives there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'scrutiny.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo's engine: write-ahead logging lets pages be read while an import writes, and
    # each committed transaction survives a killed process (synchronous=NORMAL is safe in WAL
    # mode for that; only a power cut may lose the last commits). IMMEDIATE transactions take
    # the write lock at once, so two writers wait for each other instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    "staticfiles": {
        # Hashed, compressed names in production; plain storage when debugging or testing,
        # where collectstatic has not run.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or os.environ.get("SCRUTINY_PLAIN_STATIC") == "1"
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if os.environ.get("SCRUTINY_HTTPS") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    # Covers only the names under the site's own (www.papers.example.gov.uk), never the council's.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # A load balancer's health check may ask over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Silenced: security.W021 asks for HSTS preload. Preloading is decided for a whole
# registrable domain (a council's gov.uk name) and submitted to the browsers' list by its
# owner; a site on a subdomain cannot be preloaded by itself, and sending the directive
# without that decision would commit the council's whole domain. It does not apply here.
SILENCED_SYSTEM_CHECKS = ["security.W021"]


def _proxy_ssl_header(raw: str) -> tuple[str, str] | None:
    """SCRUTINY_PROXY_SSL_HEADER: the header the TLS proxy sets, "X-Forwarded-Proto" (its value
    then "https") or "Name=value"; unset: no proxy is trusted to say the request was secure."""
    if not raw.strip():
        return None
    name, _, value = raw.partition("=")
    name, value = name.strip(), value.strip() or "https"
    if not name or not all(c.isalnum() or c == "-" for c in name):
        raise ImproperlyConfigured(
            f"SCRUTINY_PROXY_SSL_HEADER must be a header name such as X-Forwarded-Proto, not {raw!r}."
        )
    return "HTTP_" + name.upper().replace("-", "_"), value


# Behind a TLS proxy: only set this if the proxy always sets (or strips) the header itself.
SECURE_PROXY_SSL_HEADER = _proxy_ssl_header(os.environ.get("SCRUTINY_PROXY_SSL_HEADER", ""))
# Origins allowed to post forms, when the proxy answers on another name or port than the
# Host it passes on: comma-separated, with the scheme (https://papers.example.gov.uk).
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("SCRUTINY_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# What the public site calls the installation (the council running it).
SITE_NAME = os.environ.get("SCRUTINY_SITE_NAME", "Committee papers")
SITE_OPERATOR = os.environ.get("SCRUTINY_SITE_OPERATOR", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Standard output, as the production server's own log (`scrutiny serve`).
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SCRUTINY_LOG_LEVEL", "WARNING")},
}
CSRF_FAILURE_VIEW = "scrutiny.core.views.csrf_failure"

# Mail: account invitations and one-time links. Without SCRUTINY_EMAIL_HOST, mail is written
# to the console (the demo); set it, with its port, user and password, for real delivery.
DEFAULT_FROM_EMAIL = os.environ.get("SCRUTINY_EMAIL_FROM", "committee-papers@localhost")
if os.environ.get("SCRUTINY_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _env("SCRUTINY_EMAIL_HOST")
    EMAIL_PORT = int(os.environ.get("SCRUTINY_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("SCRUTINY_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("SCRUTINY_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("SCRUTINY_EMAIL_TLS", "1") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A one-time link to set a password lasts three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600


def _env_int(name: str, default: int, *, least: int = 1) -> int:
    raw = os.environ.get(name, "") or str(default)
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < least:
        raise ImproperlyConfigured(f"{name} must be at least {least}, not {value}.")
    return value


# Sessions: a signed-in session lasts SCRUTINY_SESSION_HOURS (default 8) and, unless
# SCRUTINY_SESSION_AT_BROWSER_CLOSE is "0", ends when the browser is closed.
SESSION_COOKIE_AGE = _env_int("SCRUTINY_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = os.environ.get("SCRUTINY_SESSION_AT_BROWSER_CLOSE", "1") != "0"

# Sign-in lockout (django-axes): ten failures in a row for one username, or from one address,
# lock signing in for that username, or from that address, for SCRUTINY_LOCKOUT_MINUTES
# (default 30) after the last failure; a council administrator can lift it sooner
# (`scrutiny.access.accounts.account_unlock`). A success does not wipe an address's
# failures, so one good account cannot reset the count of guesses at others. Behind
# SCRUTINY_TRUSTED_PROXIES reverse proxies (default 0) the address is read from
# X-Forwarded-For (`scrutiny.access.signin.client_address`).
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = dt.timedelta(minutes=_env_int("SCRUTINY_LOCKOUT_MINUTES", 30))
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "scrutiny.access.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "scrutiny.access.signin.client_address"
TRUSTED_PROXIES = _env_int("SCRUTINY_TRUSTED_PROXIES", 0, least=0)

# Two-factor sign-in (django-otp): the name an authenticator app shows beside the code.
OTP_TOTP_ISSUER = SITE_NAME

"""Settings, read from the environment.

Fail fast: a missing secret is an error, never a silent default. `make demo` writes a demo
secret into var/ and exports it; the test run sets a test key (pyproject, pytest-env).

Environment:
  SCRUTINY_SECRET_KEY     required
  DATABASE_URL            default: an embedded SQLite file var/scrutiny.sqlite3
  SCRUTINY_DEBUG          "1" for Django debug pages (never in production; stack traces)
  SCRUTINY_ALLOWED_HOSTS  comma-separated, default "localhost,127.0.0.1"
  SCRUTINY_VAR_DIR        where the SQLite file and uploads live, default ./var
  SCRUTINY_EMAIL_HOST     SMTP server for invitations (with _PORT, _USER, _PASSWORD, _TLS,
                          and SCRUTINY_EMAIL_FROM); unset: mail is printed to the console
"""

from __future__ import annotations

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
    "scrutiny.core",
    "scrutiny.governance",
    "scrutiny.access",
    "scrutiny.meetings",
    "scrutiny.documents",
    "scrutiny.minutes",
    "scrutiny.programme",
    "scrutiny.publishing",
    "scrutiny.performance",
    "scrutiny.demo",
    "scrutiny.dev",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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

# What the public site calls the installation (the council running it).
SITE_NAME = os.environ.get("SCRUTINY_SITE_NAME", "Committee papers")
SITE_OPERATOR = os.environ.get("SCRUTINY_SITE_OPERATOR", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
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

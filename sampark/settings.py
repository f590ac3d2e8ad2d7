"""Sampark's one settings module, driven by the environment (see README "Configuration")."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from sampark.lib import secret_key
from sampark.lib.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    env_url,
    mailer,
    writable_dir,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = writable_dir("SAMPARK_DATA_DIR", BASE_DIR / "data")
MEDIA_ROOT = DATA_DIR / "media"
STATIC_ROOT = DATA_DIR / "static"  # filled by `sampark collectstatic` in production
STATIC_ROOT.mkdir(exist_ok=True)

DEBUG = env_bool("SAMPARK_DEBUG", default=False)
# Production turns on everything `check --deploy` asks for; it assumes HTTPS in front of us.
PRODUCTION = env_bool("SAMPARK_PRODUCTION", default=False)
SECRET_KEY = env_str("SAMPARK_SECRET_KEY") or secret_key.load_or_create(DATA_DIR)
ALLOWED_HOSTS = env_list("SAMPARK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("SAMPARK_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "sampark.core",
    "sampark.contacts",
    "sampark.collab",
    "sampark.agenda",
    "sampark.customfields",
    "sampark.listviews",
    "sampark.imports",
    "sampark.duplicates",
    "sampark.exports",
    "sampark.sales",
    "sampark.leads",
    "sampark.scoring",
    "sampark.mail",
    "sampark.service",
    "sampark.chat",
    "sampark.marketing",
    "sampark.offers",
    "sampark.automation",
    "sampark.analytics",
    "sampark.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "django_rq",  # provides `rqworker`, which `sampark worker` runs for the RQ backend
    "ninja",  # serves the API docs page from bundled assets, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sampark.core.middleware.HeldLookupsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sampark.core.middleware.AccessProfileMiddleware",
    "sampark.core.middleware.UserPreferencesMiddleware",
    "sampark.core.middleware.AuditChannelMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "sampark.urls"
WSGI_APPLICATION = "sampark.wsgi.application"
ASGI_APPLICATION = "sampark.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sampark" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sampark.core.context_processors.shell",
            ],
            "builtins": ["django.templatetags.i18n", "sampark.core.templatetags.locale_format"],
        },
    },
]


def _database(url: str) -> dict[str, object]:
    try:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL I understand: {error}"
        ) from None
    engine = str(config.get("ENGINE", ""))
    # Connections are kept (CONN_MAX_AGE above), checked before reuse: opening one costs more
    # than most queries (SQLite reads its schema and, closing the last, checkpoints its log).
    config["CONN_HEALTH_CHECKS"] = True
    if engine.endswith("sqlite3"):
        config["OPTIONS"] = {
            # WAL lets readers proceed while one writer writes; IMMEDIATE takes the write lock at
            # BEGIN so two writers queue on the busy timeout instead of failing mid-transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif not engine.endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
    return config


DATABASE_URL = env_url(
    "DATABASE_URL",
    f"sqlite:///{DATA_DIR / 'sampark.sqlite3'}",
    {"sqlite", "postgres", "postgresql", "pgsql"},
)
DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Languages: the UI ships complete catalogs for each of these.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("bn", "বাংলা"), ("hi", "हिन्दी")]
LOCALE_PATHS = [BASE_DIR / "sampark" / "locale"]
USE_I18N = True
TIME_ZONE = env_str("SAMPARK_TIME_ZONE", "Asia/Dhaka")
USE_TZ = True
LANGUAGE_COOKIE_NAME = "sampark_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
MEDIA_URL = "media/"
SAMPARK_MAX_ATTACHMENT_MB = env_int("SAMPARK_MAX_ATTACHMENT_MB", 25)  # per file on an activity
SAMPARK_MAX_IMPORT_MB = env_int("SAMPARK_MAX_IMPORT_MB", 1024)  # per uploaded import file
# An import whose worker has not written a heartbeat for this long is resumed by another.
SAMPARK_IMPORT_STALE_SECONDS = env_int("SAMPARK_IMPORT_STALE_SECONDS", 120)
# A campaign's sending run renews its hold this often; one not renewed is taken over (a dead
# worker's), so this is also how long sending pauses after a worker dies.
SAMPARK_CAMPAIGN_LEASE_SECONDS = env_int("SAMPARK_CAMPAIGN_LEASE_SECONDS", 90)
# The currency deal totals, forecasts and reports are given in (ISO 4217; sales/models/money.py).
SAMPARK_BASE_CURRENCY = env_str("SAMPARK_BASE_CURRENCY", "BDT").upper()
if not (len(SAMPARK_BASE_CURRENCY) == 3 and SAMPARK_BASE_CURRENCY.isalpha()):
    raise ImproperlyConfigured(
        f"SAMPARK_BASE_CURRENCY={SAMPARK_BASE_CURRENCY!r}: use a three-letter ISO code, such as BDT."
    )
# `migrate` on a workspace without any pipeline makes the default one (sales/defaults.py). The
# tests turn it off (conftest.py): each test makes the pipelines it is about.
SAMPARK_DEFAULT_PIPELINE = env_bool("SAMPARK_DEFAULT_PIPELINE", default=True)
# For this many days after a ticket is solved, the client answering reopens it (then: a new one).
SAMPARK_TICKET_REOPEN_DAYS = env_int("SAMPARK_TICKET_REOPEN_DAYS", 7)
# Front-end packages from the npm registry, installed by `make` into a git-ignored folder.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/inter", NODE_MODULES / "@fontsource-variable" / "inter"),
    ("vendor/noto-sans-bengali", NODE_MODULES / "@fontsource-variable" / "noto-sans-bengali"),
    ("vendor/noto-sans-devanagari", NODE_MODULES / "@fontsource-variable" / "noto-sans-devanagari"),
    ("vendor/sortablejs", NODE_MODULES / "sortablejs"),  # the deal board's drag and drop
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# E-mail: printed to the terminal in development, a local mail server in production, unless
# EMAIL_URL names one.
EMAIL_URL = env_url(
    "EMAIL_URL",
    "smtp://localhost:25" if PRODUCTION else "console://",
    {"console", "memory", "smtp", "smtps"},
)
MAILERS = {"default": mailer(EMAIL_URL)}
# Or a mail provider's API through django-anymail: SAMPARK_EMAIL_PROVIDER=postmark (any of
# anymail's, by its module name), its settings from ANYMAIL_* variables (ANYMAIL_POSTMARK_SERVER_TOKEN,
# ANYMAIL_WEBHOOK_SECRET="user:password"). Its bounce and complaint webhooks are served at
# /anymail/<provider>/tracking/ only when that secret is set, so nobody unsigned can suppress.
EMAIL_PROVIDER = env_str("SAMPARK_EMAIL_PROVIDER")
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_")
}
if EMAIL_PROVIDER:
    MAILERS["default"] = {"BACKEND": f"anymail.backends.{EMAIL_PROVIDER}.EmailBackend"}
DEFAULT_FROM_EMAIL = env_str("SAMPARK_FROM_EMAIL", "Sampark <sampark@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people reach this Sampark: links in mail sent without a request (digests) start with it.
SAMPARK_SITE_URL = env_url("SAMPARK_SITE_URL", "http://localhost:8000", {"http", "https"}).rstrip(
    "/"
)

# Redis is optional: it backs the cache and, when chosen, the task queue.
REDIS_URL = env_url("REDIS_URL", "redis://127.0.0.1:6379/0", {"redis", "rediss", "unix"})
REDIS_CONFIGURED = bool(env_str("REDIS_URL"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_CONFIGURED
    # Files, not process memory: every web process must see an invalidation (core/cached.py).
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}

# Background tasks: one API (django.tasks), the backend chosen here.
TASK_BACKEND = env_str("SAMPARK_TASK_BACKEND", "db")
_TASK_BACKENDS: dict[str, dict[str, object]] = {
    "db": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"SAMPARK_TASK_BACKEND={TASK_BACKEND!r} is unknown: use one of {', '.join(_TASK_BACKENDS)}."
    )
TASKS = {"default": _TASK_BACKENDS[TASK_BACKEND]}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}

# Live chat's sockets meet through a channel layer: in the process's memory by default (one
# process serves the sockets), Redis to spread them over several.
CHANNEL_LAYER = env_str("SAMPARK_CHANNEL_LAYER", "memory")
_CHANNEL_LAYERS: dict[str, dict[str, object]] = {
    "memory": {"BACKEND": "sampark.chat.layers.MemoryLayer"},
    "redis": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [REDIS_URL]},
    },
}
if CHANNEL_LAYER not in _CHANNEL_LAYERS:
    raise ImproperlyConfigured(
        f"SAMPARK_CHANNEL_LAYER={CHANNEL_LAYER!r} is unknown: use one of "
        f"{', '.join(_CHANNEL_LAYERS)}."
    )
CHANNEL_LAYERS = {"default": _CHANNEL_LAYERS[CHANNEL_LAYER]}
# Where browsers reach the chat's sockets: empty, the pages' own origin (a proxy in front sends
# /chat/ws/ and /chat/live/ to the ASGI server); `sampark serve` sets it to its socket port.
SAMPARK_CHAT_URL = env_str("SAMPARK_CHAT_URL", "").rstrip("/")
if SAMPARK_CHAT_URL:
    SAMPARK_CHAT_URL = env_url("SAMPARK_CHAT_URL", "", {"http", "https"}).rstrip("/")

# The chat assistant may have a language model word its answers (sampark/chat/phrasing.py):
# off unless a server is named here and an admin turns it on for a widget.
_LLM_URL = "SAMPARK_ASSISTANT_LLM_URL"
SAMPARK_ASSISTANT_LLM_URL = (
    env_url(_LLM_URL, "", {"http", "https"}) if env_str(_LLM_URL) else ""
).rstrip("/")
SAMPARK_ASSISTANT_LLM_MODEL = env_str("SAMPARK_ASSISTANT_LLM_MODEL", "")
SAMPARK_ASSISTANT_LLM_KEY = env_str("SAMPARK_ASSISTANT_LLM_KEY", "")
SAMPARK_ASSISTANT_LLM_TIMEOUT = env_int("SAMPARK_ASSISTANT_LLM_TIMEOUT", 10)

# Security: safe defaults everywhere, HTTPS-only settings in production.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    # The agent inbox talks to the chat's sockets, which may be on a port of their own (and the
    # widget, tried on Sampark's own pages, to its HTTP fallback there).
    "connect-src": [
        CSP.SELF,
        *(
            [SAMPARK_CHAT_URL.replace("http", "ws", 1), SAMPARK_CHAT_URL]
            if SAMPARK_CHAT_URL
            else []
        ),
    ],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SAMPARK_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SAMPARK_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# API: personal tokens are looked up by hash; this many items per page unless asked otherwise.
API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("SAMPARK_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

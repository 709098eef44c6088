"""Settings shared by every environment.

Anything secret or deployment-specific is read from the environment here or in
``production``; the defaults below are safe for a developer's machine only.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    """Read a comma-separated environment variable into a list, dropping blanks."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "imagekit",
    "core",  # before django_tasks_db: its db_worker command is core's (core/worker.py)
    "django_tasks",
    "django_tasks_db",
    "taggit",
    "simple_history",
    "csp",
    "axes",
    "authors",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "core.proxy.TrustedProxyMiddleware",
    # Outermost, so that its one log line per request has the final status and whole duration.
    "core.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Old WordPress addresses (/?p=12, /2024/05/slug/) answer a 301; before the page cache,
    # whose key leaves out ?p= (articles/legacy.py).
    "articles.legacy.LegacyAddressMiddleware",
    # Just inside the language choice, which is part of a page's key; a hit needs nothing
    # further in (core/pagecache.py).
    "core.pagecache.PageCacheMiddleware",
    # An ETag (and 304s) for what the page cache does not keep: feeds and sitemaps, whose
    # Last-Modified syndication and sitemaps already set.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.storagefull.StorageFullMiddleware",
    "core.outage.DatabaseOutageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.site",
                "articles.context_processors.site_navigation",
            ],
        },
    },
]


def read_release(base_dir):
    """The release id the install step wrote, or "dev"."""
    try:
        return (base_dir / ".venv" / "release").read_text().strip() or "dev"
    except OSError:
        return "dev"


def database_from_env():
    """SQLite in WAL mode by default; DATABASE_URL=postgres://… switches to PostgreSQL.

    IMMEDIATE transactions take SQLite's write lock when a transaction starts instead of
    upgrading a read lock half-way through, which is what makes concurrent comment posts
    wait their turn (busy_timeout) rather than fail with "database is locked".
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if url and not url.startswith("sqlite"):
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        config["ATOMIC_REQUESTS"] = False
        return config
    name = dj_database_url.parse(url)["NAME"] if url else BASE_DIR / "db.sqlite3"
    # SQLite creates its file but not the file's folder ("unable to open database file").
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        # Kept open between requests: opening one and running the PRAGMAs below costs more
        # than serving a cached page.  (Django closes it if a request leaves it unusable.)
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA busy_timeout=20000;"
                "PRAGMA foreign_keys=ON;"
            ),
        },
    }


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache per process by default; PULSE_CACHE_URL=redis://host:6379/0 shares one Redis
# among several app servers (django-redis; rediss:// for TLS).  When Redis cannot be
# reached, reads are misses and writes are dropped (IGNORE_EXCEPTIONS, each one logged),
# so readers and commenters are served, more slowly, instead of getting a 500; /healthz
# still reports the cache as down.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def redis_cache(url):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        # A cache that is down must not hang every request: fail fast.
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
    }


if os.environ.get("PULSE_CACHE_URL", "").strip():
    CACHES["default"] = redis_cache(os.environ["PULSE_CACHE_URL"].strip())
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "pulse.cache"

# django-axes watches every login (the admin's included) and refuses one more attempt after
# AXES_FAILURE_LIMIT failures for the same user name from the same address, until the cool-off
# ends or someone clears it under "Axes" in the admin.  Locking by name and address together
# means an attacker elsewhere cannot lock a real editor out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("PULSE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PULSE_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

# A strict Content-Security-Policy in every environment, so that development and the tests
# run under the same rules as production: only our own scripts, styles and fonts, images from
# here (and Bootstrap's data: icons), no plugins, no framing, forms post only to us.  No
# inline script or style anywhere (the admin included), so the policy needs no nonce and a
# page is the same bytes for every reader.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env_list("PULSE_CSP_IMG_SRC")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = os.environ.get("PULSE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("PULSE_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("PULSE_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Uploaded WordPress exports (commenters' emails and addresses): never under MEDIA_ROOT,
    # which the web server publishes.
    "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("PULSE_IMPORTS_ROOT", str(BASE_DIR / "private" / "imports"))
        },
    },
}
# The admin's WordPress import takes exports up to this size (larger: the command).
PULSE_WORDPRESS_MAX_UPLOAD_BYTES = int(
    os.environ.get("PULSE_WORDPRESS_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
)
# Uploads larger than this are refused by the forms with a readable message.
PULSE_MAX_IMAGE_BYTES = 5 * 1024 * 1024
# An editor's Markdown (preview, body field) must render within this many seconds, in a
# child process stopped at the deadline (articles/rendering.py).
PULSE_MARKDOWN_RENDER_SECONDS = 0.8
FILE_UPLOAD_PERMISSIONS = 0o644

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Thumbnails are made when the source image is saved, so rendering a page never touches
# the disk to ask whether one exists.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"

LOGIN_URL = "admin:login"
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

PULSE_SITE_NAME = os.environ.get("PULSE_SITE_NAME", "Pulse Health")
# Absolute links in emails (moderation, notifications, unsubscribe) start with this.
PULSE_SITE_URL = os.environ.get("PULSE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Anonymous readers' pages are cached until anything on them changes (core/pagecache.py);
# the timeout bounds how long a page can be kept at most.  0 turns the page cache off.
PULSE_PAGE_CACHE_SECONDS = int(os.environ.get("PULSE_PAGE_CACHE_SECONDS", 600))
PULSE_PAGE_CACHE_EXCLUDE = (
    "/" + os.environ.get("PULSE_ADMIN_URL", "admin/").strip("/") + "/",
    "/comments/",
    "/healthz",
)
# The query parameters pages read; any other parameter makes no new cache entry.
PULSE_PAGE_CACHE_QUERY_PARAMETERS = frozenset({"page", "cpage", "replyto", "q"})
# Part of every cache key, so a deploy never serves the previous release's pages: set by
# the install step (make install writes .venv/release) or by the deployment's environment.
PULSE_RELEASE = os.environ.get("PULSE_RELEASE", "").strip() or read_release(BASE_DIR)
# Behind nginx (deploy/): the addresses nginx connects from, whose X-Forwarded-For and
# -Proto are believed (core/proxy.py); and where to purge nginx's page cache on a change
# (core/proxypurge.py), e.g. http://127.0.0.1:8000/_purge, or one per nginx, comma-separated.
PULSE_TRUSTED_PROXIES = env_list("PULSE_TRUSTED_PROXIES", ["127.0.0.2"])
PULSE_PROXY_PURGE_URL = os.environ.get("PULSE_PROXY_PURGE_URL", "").strip()
PULSE_PROXY_PURGE_TIMEOUT = float(os.environ.get("PULSE_PROXY_PURGE_TIMEOUT", "2"))
PULSE_SITE_SECTION = _("Health and Medicine")
PULSE_ARTICLES_PER_PAGE = 9
PULSE_RELATED_ARTICLES = 3
PULSE_FEATURED_ARTICLES = 3


def parse_rate(value):
    """ "N/SECONDS" (e.g. "5/60") → (5, 60); empty → None (use the discussion settings)."""
    if not value or not value.strip():
        return None
    try:
        count, seconds = (int(part) for part in value.strip().split("/"))
    except ValueError as error:
        raise ImproperlyConfigured(
            f'PULSE_COMMENT_RATE_LIMIT must look like "5/60" (posts/seconds), not {value!r}.'
        ) from error
    if count < 1 or seconds < 1:
        raise ImproperlyConfigured("PULSE_COMMENT_RATE_LIMIT needs positive numbers.")
    return count, seconds


# Flood control for comments; when set, it overrides the discussion settings.
PULSE_COMMENT_RATE_LIMIT = parse_rate(os.environ.get("PULSE_COMMENT_RATE_LIMIT"))
# A comment posted sooner than this after the form was served is held (people read first);
# a form older than the maximum is held too (a replayed or harvested form).
PULSE_COMMENT_MIN_SECONDS = 3
PULSE_COMMENT_FORM_MAX_AGE = 24 * 60 * 60
# How long a commenter may edit or delete their own comment from the same browser.
PULSE_COMMENT_EDIT_MINUTES = 15
PULSE_AKISMET_API_KEY = os.environ.get("PULSE_AKISMET_API_KEY", "")
PULSE_AKISMET_SITE_URL = os.environ.get("PULSE_AKISMET_SITE_URL", "")
# Failed notification emails are retried this many times, backing off between tries.
PULSE_EMAIL_ATTEMPTS = 5

# Email goes out from a background worker (manage.py db_worker), after the comment is saved.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Flood-control counters (comments/ratelimits.py) live in Redis when one is configured, else
# in the database: never in a cache whose other entries could evict them.
PULSE_RATELIMIT_REDIS_URL = os.environ.get("PULSE_CACHE_URL", "").strip()

DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Pulse <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# One JSON object per line on stderr, each record once: easy to read, easy to ship to any
# log store.  Each request gets one "pulse.request" line (core/requestlog.py).  Django's own
# handlers are replaced, not added to: its default "django" console handler (DEBUG only)
# would print every django.* record a second time, as text.  Django's request lines would
# repeat ours, so they report only errors: an expected refusal (a 404, a 403) is the one
# request line, and a refused Host header or CSRF token one warning line, no traceback.
# gunicorn's own lines go through the same handler (deploy/gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.requestlog.JsonFormatter"}},
    "filters": {
        "outage_line": {"()": "core.logs.OutageLine"},
        "one_line": {"()": "core.logs.OneLine"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["one_line"],
        },
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
        "django.request": {"level": "ERROR"},
        "django.security.csrf": {"level": "ERROR"},
        "django.server": {"level": "ERROR", "propagate": True},
        "pulse.cache": {"filters": ["outage_line"]},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

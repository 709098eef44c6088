"""Production settings: everything secret or deployment-specific comes from the environment,
and the process refuses to start without it."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a random string of at least 50 characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set DJANGO_ALLOWED_HOSTS to the comma-separated host names this site answers to."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# HTTPS everywhere.  DJANGO_SECURE_SSL_REDIRECT=0 turns the redirect off for plain HTTP on
# loopback (benchmarks, `make serve`); HSTS and secure cookies stay on.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe the health check over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie (the admin's helpers take the form's token).
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Every worker must see the same page-cache version: without a shared Redis (PULSE_CACHE_URL),
# the workers of one machine share a file-based cache.  (Flood-control counters are kept in
# the database then, where page-cache churn cannot evict them: comments/ratelimits.py.)
if "PULSE_CACHE_URL" not in os.environ or not os.environ["PULSE_CACHE_URL"].strip():
    CACHES = {
        "default": {
            "BACKEND": "core.filecache.FileCache",
            "LOCATION": os.environ.get("PULSE_CACHE_DIR", str(BASE_DIR / ".cache")),  # noqa: F405
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# The file backend (django.core.mail.backends.filebased.EmailBackend) writes each email
# into this folder instead: `make cluster` and the system tests read them there.
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH") or None
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
ADMINS = [("Pulse admins", address) for address in env_list("DJANGO_ADMINS")]

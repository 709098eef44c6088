"""A page cache for anonymous readers that is never stale.

Every cached page is stored under the current *content version*.  Saving anything a page
shows (an article, category or author; a comment becoming or ceasing to be public; the
discussion settings) bumps the version in the shared cache, so the very next request on any
app server renders afresh.  An article scheduled for later bumps it when its time comes.

Per-request values inside a cached page — the CSRF token, the comment form's signed
timestamp and the Content-Security-Policy nonce — are "punched": stored as markers and
filled in for each reader.
Signed-in users, moderators, and anyone with a session, a flash message or a comment of
their own (a ``pulse_*`` cookie) always get a fresh, uncached page.
"""

import functools
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, quote_etag
from django.utils.module_loading import import_string

from .models import Article

VERSION_KEY = "pulse:content-version"
SCHEDULE_KEY = "pulse:next-publication:{version}"
PAGE_KEY = "pulse:page:{build}:{version}:{digest}"
MARKER = "\x00pulse-fresh:{name}\x00"
NO_SCHEDULE = "none"
CODE_FOLDERS = ("articles", "authors", "comments", "config", "templates")


@functools.cache
def build_id():
    """Changes when the code or templates change, so a deploy never serves pages that the
    previous release rendered (the cache outlives the processes)."""
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".txt") and path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump(**_kwargs):
    """Invalidate every cached page (connected to model signals: see apps.py)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, timeout=None)


def _current_version():
    """The content version, bumped first if a scheduled article has just come out."""
    version = content_version()
    key = SCHEDULE_KEY.format(version=version)
    upcoming = cache.get(key)
    if upcoming is None:
        upcoming = (
            Article.objects.filter(
                status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
            )
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        ) or NO_SCHEDULE
        cache.set(key, upcoming, timeout=None)
    if upcoming != NO_SCHEDULE and upcoming <= timezone.now():
        bump()
        return content_version()
    return version


def fresh_inputs():
    """{hidden input name: function(request) that makes its value} (settings)."""
    return {
        name: import_string(path) for name, path in settings.PULSE_PAGE_CACHE_FRESH_INPUTS.items()
    }


NONCE_RE = re.compile(r'( nonce=")[^"]*(")')
NONCE_MARKER = MARKER.format(name="csp-nonce")


def punch(html, names):
    """Swap each named hidden input's value, and each CSP nonce, for a marker."""
    html = NONCE_RE.sub(lambda m: f"{m.group(1)}{NONCE_MARKER}{m.group(2)}", html)
    for name in names:
        html = re.sub(
            rf'(name="{re.escape(name)}" value=")[^"]*(")',
            lambda m, n=name: f"{m.group(1)}{MARKER.format(name=n)}{m.group(2)}",
            html,
        )
    return html


MARKER_RE = re.compile("\x00pulse-fresh:([\\w-]+)\x00")


def fill(html, request, fresh):
    """Put each reader's own values where punch() left markers, in one pass over the page.
    Each value is made once per response, however many times its marker appears."""
    made = {}

    def value(match):
        name = match.group(1)
        if name not in made:
            if name == "csp-nonce":
                # Reading it makes django-csp put this same nonce in the response's header.
                made[name] = str(getattr(request, "csp_nonce", ""))
            else:
                made[name] = fresh[name](request)
        return made[name]

    return MARKER_RE.sub(value, html)


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the cache, with an ETag so browsers revalidate (304)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.fresh = fresh_inputs()

    def cacheable_request(self, request):
        if request.method not in ("GET", "HEAD") or not settings.PULSE_PAGE_CACHE_SECONDS:
            return False
        if request.path.startswith(settings.PULSE_PAGE_CACHE_EXCLUDE):
            return False
        cookies = request.COOKIES
        return not (
            settings.SESSION_COOKIE_NAME in cookies
            or "messages" in cookies
            or any(name.startswith("pulse_") for name in cookies)
        )

    def cacheable_response(self, request, response):
        if response.status_code != 200 or response.streaming:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        if any(flag in response.get("Cache-Control", "") for flag in ("private", "no-")):
            return False
        if any(name != settings.CSRF_COOKIE_NAME for name in response.cookies):
            return False
        storage = getattr(request, "_messages", None)
        return storage is None or len(storage) == 0

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        try:
            version = _current_version()
        except DatabaseError:
            # The database is down: let the view answer (an error page, or /healthz's 503).
            return self.get_response(request)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = PAGE_KEY.format(build=build_id(), version=version, digest=digest)
        entry = cache.get(key)
        if entry is None:
            response = self.get_response(request)
            if not self.cacheable_response(request, response):
                return response
            html = punch(response.content.decode(response.charset), self.fresh)
            entry = {
                "html": html,
                "etag": quote_etag(hashlib.sha256(html.encode()).hexdigest()[:32]),
                "modified": http_date(),
                "content_type": response["Content-Type"],
            }
            cache.set(key, entry, settings.PULSE_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        else:
            if request.headers.get("If-None-Match") == entry["etag"]:
                response = HttpResponseNotModified()
                response["ETag"] = entry["etag"]
                return response
            response = HttpResponse(
                fill(entry["html"], request, self.fresh), content_type=entry["content_type"]
            )
            response["X-Page-Cache"] = "hit"
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = entry["modified"]
        # Each copy carries its reader's own CSRF token: shared caches must not keep it.
        response["Cache-Control"] = "private, no-cache"
        return response

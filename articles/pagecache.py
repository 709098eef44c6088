"""A page cache for anonymous readers that is never stale.

Every cached page is stored under the current *content version* (content_version.py):
anything readers can see that changes makes a new version, so the very next request on any
app server renders afresh.

Per-request values inside a cached page — the CSRF token, the comment form's signed
timestamp and the Content-Security-Policy nonce — are "punched": stored as markers and
filled in for each reader.
Signed-in users, moderators, and anyone with a session, a flash message or a comment of
their own (a ``pulse_*`` cookie) always get a fresh, uncached page.
"""

import base64
import functools
import hashlib
import os
import re
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.module_loading import import_string

from .content_version import current_version

PAGE_KEY = "pulse:page:{build}:{version}:{language}:{digest}"
MARKER = "\x00pulse-fresh:{name}\x00"
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


def fresh_inputs():
    """{hidden input name: function(request) that makes its value} (settings)."""
    return {
        name: import_string(path) for name, path in settings.PULSE_PAGE_CACHE_FRESH_INPUTS.items()
    }


NONCE_RE = re.compile(r'( nonce=")[^"]*(")')
NONCE_MARKER = MARKER.format(name="csp-nonce")


def punch(html, names):
    """Swap each named hidden input's value, and each CSP nonce, for a marker.  (A pass
    per name: each pattern starts with a literal that re finds fast; one pattern with
    alternatives scans the page at half the speed.)"""
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


MARKER_BYTES_RE = re.compile(b"\x00pulse-fresh:([\\w-]+)\x00")
CSP_NONCE_RE = re.compile(r"'nonce-[^']*'")
# Headers that belong to one response, not to the page: each served copy gets its own.
OWN_HEADERS = frozenset(
    ("content-length", "date", "etag", "last-modified", "cache-control", "expires", "set-cookie")
)


def make_entry(response, fresh):
    """What is kept of a rendered page: its bytes cut at the per-reader values (even items
    are bytes, odd items the names of the values between them) and its headers, with the
    CSP nonce punched out of them too."""
    html = punch(response.content.decode(response.charset), fresh)
    data = html.encode()
    pieces = MARKER_BYTES_RE.split(data)
    headers = [
        (name, CSP_NONCE_RE.sub(f"'nonce-{NONCE_MARKER}'", value))
        for name, value in response.items()
        if name.lower() not in OWN_HEADERS
    ]
    return {
        "pieces": tuple(piece if i % 2 == 0 else piece.decode() for i, piece in enumerate(pieces)),
        "headers": headers,
        "etag": quote_etag(hashlib.sha256(data).hexdigest()[:32]),
        "modified": int(time.time()),
        "size": len(data),
    }


class LocalPages:
    """This worker's own copy of the pages it serves most, so that a hit reads one small
    key (the content version) from the shared cache instead of a whole page.  It can never
    be stale: entries are found by a key that holds the current version, and the copy is
    emptied whenever the version changes.  Bounded in bytes (least recently used first)."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.entries = OrderedDict()
        self.size = 0
        self.version = None
        self.lock = threading.Lock()

    def get(self, key, version):
        with self.lock:
            if version != self.version:
                self.entries.clear()
                self.size, self.version = 0, version
                return None
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, version, entry):
        if entry["size"] > self.max_bytes:
            return
        with self.lock:
            if version != self.version or key in self.entries:
                return
            self.entries[key] = entry
            self.size += entry["size"]
            while self.size > self.max_bytes:
                _key, dropped = self.entries.popitem(last=False)
                self.size -= dropped["size"]


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the cache, with an ETag so browsers revalidate (304).

    It sits just inside CSRF (which sets the cookie for the token filled in here) and
    outside auth, messages, CSP and the rest: a hit needs none of them.  The headers those
    put on the page when it was rendered (X-Frame-Options, the CSP) are kept with it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.fresh = fresh_inputs()
        self.local = LocalPages(settings.PULSE_PAGE_CACHE_LOCAL_BYTES)

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
            version = current_version()
        except DatabaseError:
            # The database is down: let the view answer (an error page, or /healthz's 503).
            return self.get_response(request)
        if version is None:  # the shared cache is unreachable: nothing can be trusted
            return self.get_response(request)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        key = PAGE_KEY.format(build=build_id(), version=version, language=language, digest=digest)
        entry = self.local.get(key, version)
        if entry is None:
            entry = cache.get(key)
            if entry is None:
                return self.render(request, key, version)
            self.local.put(key, version, entry)
        # A browser's copy is still good: 304, by Django's rules for If-None-Match.  Not by
        # If-Modified-Since alone: a date has one-second steps, and a change made within
        # the second after a reader's visit would be answered "not modified".
        not_modified = get_conditional_response(request, etag=entry["etag"])
        if not_modified is not None:
            not_modified["ETag"] = entry["etag"]
            return not_modified
        return self.serve(request, entry)

    def render(self, request, key, version):
        response = self.get_response(request)
        if not self.cacheable_response(request, response):
            return response
        entry = make_entry(response, self.fresh)
        try:
            cache.set(key, entry, settings.PULSE_PAGE_CACHE_SECONDS)
        except OSError:  # a full disk under the file cache: serve the page, keep nothing
            return response
        self.local.put(key, version, entry)
        response["X-Page-Cache"] = "miss"
        return self.finish(response, entry)

    def serve(self, request, entry):
        """The cached page with this reader's own values put back where they were punched."""
        made = {}
        pieces = entry["pieces"]
        body = [pieces[0]]
        for index in range(1, len(pieces), 2):
            name = pieces[index]
            if name not in made:
                made[name] = self.make(name, request).encode()
            body += (made[name], pieces[index + 1])
        response = HttpResponse(b"".join(body))
        for name, value in entry["headers"]:
            if NONCE_MARKER in value:
                if "csp-nonce" not in made:
                    made["csp-nonce"] = self.make("csp-nonce", request).encode()
                value = value.replace(NONCE_MARKER, made["csp-nonce"].decode())
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return self.finish(response, entry)

    def make(self, name, request):
        if name == "csp-nonce":
            # As django-csp makes them; its middleware is not run for a hit.
            return base64.b64encode(os.urandom(16)).decode("ascii")
        return self.fresh[name](request)

    @staticmethod
    def finish(response, entry):
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["modified"])
        # Each copy carries its reader's own CSRF token: shared caches must not keep it.
        response["Cache-Control"] = "private, no-cache"
        return response

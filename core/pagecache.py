"""The page cache: an anonymous reader's page is the same bytes for every anonymous reader,
so it is kept whole and served again until something on it changes.

A page is stored under its path, the query parameters pages read, the language, the
release and two *generations*: the site's and the path's.  Invalidating a path gives it a
new generation, so every stored variant of it (each ``?cpage=``, each search) is left
behind at once on every app server; invalidating the site does the same for every page.
Invalidation waits for the transaction to commit, so a page rendered from the old rows
meanwhile is stored under the old generation, where nobody looks again.

Pages that expect to change at a known moment (comments closing by age, a scheduled
article) say so with :func:`expire_at`, and are kept no longer than that.

A stored page is also kept compressed, in brotli and in gzip, each made on its first
request, and sent with its Content-Length: a shared cache in front (nginx's) stores the
compressed bytes as they are and sends each hit as it would a precompressed static file,
with no compression and no chunked framing per request.
"""

import gzip
import hashlib
import secrets
import time
from functools import partial
from urllib.parse import urlencode

import brotli
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

from core import fragments

SITE = "pulse:gen:site"
PATH = "pulse:gen:path:{}"
GENERATION_SECONDS = 24 * 60 * 60
# Headers that belong to one response, not to the page.
OWN_HEADERS = {"content-length", "date", "set-cookie", "x-page-cache"}
# The encodings a page is kept in besides its own bytes, the client's favourite first.
# brotli at 5: the 18-comment article is 6.8 KB in 2.5 ms, against 5.9 KB in 258 ms at 11.
ENCODERS = {
    "br": partial(brotli.compress, quality=5),
    "gzip": partial(gzip.compress, compresslevel=6, mtime=0),
}
# Sent once a transaction that changed public pages commits; the paths, or None for all.
# The production proxy's purge listens here, so it drops exactly what this cache drops.
pages_changed = Signal()


def is_anonymous(request):
    """No session, no flash message and no comment of their own (a ``pulse_*`` cookie)."""
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or any(name.startswith("pulse_") for name in cookies)
    )


def expire_at(request, moment):
    """Keep the page being rendered no later than ``moment`` (a datetime, or None).

    A moment already past (comments that closed by age last year) changes nothing: the page
    being rendered already shows its effect, and honouring it would never store the page."""
    if moment is None or not hasattr(request, "page_cache_until"):
        return
    until = moment.timestamp()
    if until > time.time():
        request.page_cache_until = min(request.page_cache_until, until)


def accepted_encoding(request):
    """The encoding to send, "br" or "gzip", if the client takes one (``q=0`` refuses)."""
    offered = {}
    for item in request.headers.get("Accept-Encoding", "").lower().split(","):
        name, _, params = item.partition(";")
        params = params.strip()
        try:
            offered[name.strip()] = float(params[2:] if params.startswith("q=") else 1) > 0
        except ValueError:
            offered[name.strip()] = False
    return next((name for name in ENCODERS if offered.get(name)), None)


def page_key(request, generations):
    query = urlencode(
        sorted(
            (name, value)
            for name, value in request.GET.items()
            if name in settings.PULSE_PAGE_CACHE_QUERY_PARAMETERS
        )
    )
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"pulse:page:{settings.PULSE_RELEASE}:{language}:{':'.join(generations)}:{digest}"


def generations(path):
    """The site's and the path's current generations, made on first use."""
    keys = [SITE, PATH.format(path)]
    found = cache.get_many(keys)
    missing = {key: secrets.token_hex(6) for key in keys if key not in found}
    if missing:
        for key, token in missing.items():
            cache.add(key, token, GENERATION_SECONDS)
        found = cache.get_many(keys)
    return [found.get(key, "-") for key in keys]


def invalidate(*paths, site=False):
    """Make ``paths`` (all their query variants), or with ``site`` every page, fresh on the
    next request once the current transaction commits.  Calls within one transaction are
    gathered on its connection and the cache is written once; a transaction rolled back
    takes its gathering with it (Django drops its on-commit callback)."""
    connection = transaction.get_connection()
    state = getattr(connection, "pulse_changed_pages", None)
    waiting = state is not None and any(
        callback is state["flush"] for _ids, callback, _robust in connection.run_on_commit
    )
    if not waiting:
        state = {"paths": set(), "site": False}
        state["flush"] = partial(_flush, connection, state)
        connection.pulse_changed_pages = state
    state["paths"].update(paths)
    state["site"] = state["site"] or site
    if not waiting:  # outside a transaction this runs at once, so it comes last
        transaction.on_commit(state["flush"], robust=True)


def _flush(connection, state):
    if getattr(connection, "pulse_changed_pages", None) is state:
        del connection.pulse_changed_pages
    if state["site"]:
        cache.delete(SITE)
    elif state["paths"]:
        cache.delete_many([PATH.format(path) for path in state["paths"]])
    else:
        return
    pages_changed.send(None, paths=None if state["site"] else sorted(state["paths"]))


def shared_headers(response):
    """What this cache adds to every page it serves (nginx's file tier sends the same,
    core/pagefiles.py): shared caches may keep it, and ask again each time (a 304 costs
    nothing here)."""
    response["Cache-Control"] = "public, no-cache"
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])


class PageCacheMiddleware:
    """Serves anonymous GET and HEAD requests from the cache (``X-Page-Cache: hit``), with
    an ETag for browsers and shared caches to revalidate against; marks every other page
    private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.applies(request):
            return self.private(self.get_response(request))
        try:
            site, path = generations(request.path)
            key = page_key(request, [site, path])
            entry = cache.get(key)
        except (DatabaseError, OSError):  # the cache is unwell: serve without it
            return self.get_response(request)
        if entry is not None:
            return self.answer(request, key, entry, "hit")
        request.page_cache_until = time.time() + settings.PULSE_PAGE_CACHE_SECONDS
        # Parts of the page kept under the site's generation (core/fragments.py), and what
        # is kept for this page's own (comments/templatetags/comments.py).
        request.page_cache_site = site
        request.page_cache_generations = (site, path)
        response = self.get_response(request)
        fragments.store(request)
        if not self.storable(request, response):
            return self.private(response)
        entry = {
            "content": response.content,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in OWN_HEADERS],
            "etag": quote_etag(hashlib.sha256(response.content).hexdigest()[:32]),
            "modified": http_date(),
            "until": request.page_cache_until,
            "encoded": {},  # filled per encoding on first request (answer)
        }
        return self.answer(request, key, entry, "miss")

    @staticmethod
    def applies(request):
        return (
            request.method in ("GET", "HEAD")
            and settings.PULSE_PAGE_CACHE_SECONDS > 0
            and not request.path.startswith(settings.PULSE_PAGE_CACHE_EXCLUDE)
            and is_anonymous(request)
        )

    @staticmethod
    def storable(request, response):
        storage = getattr(request, "_messages", None)
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and not (storage is not None and len(storage))
        )

    @staticmethod
    def answer(request, key, entry, outcome):
        """The stored page, in the encoding the client takes; the entry is (re)stored
        when it is new or has just gained that encoding."""
        encoding = accepted_encoding(request)
        encoded = entry.setdefault("encoded", {})
        changed = outcome == "miss"
        if encoding and encoding not in encoded:
            encoded[encoding] = ENCODERS[encoding](entry["content"])
            changed = True
        seconds = int(entry.get("until", 0) - time.time())
        if changed and seconds > 0:
            cache.set(key, entry, seconds)
        content = encoded[encoding] if encoding else entry["content"]
        # One representation, one strong validator: the page's, marked with the encoding.
        etag = entry["etag"][:-1] + f'-{encoding}"' if encoding else entry["etag"]
        not_modified = get_conditional_response(request, etag=etag)
        response = not_modified or HttpResponse(content)
        if not_modified is None:
            for name, value in entry["headers"]:
                response[name] = value
            response["Content-Length"] = str(len(content))
            if encoding:
                response["Content-Encoding"] = encoding
        response["ETag"] = etag
        response["Last-Modified"] = entry["modified"]
        shared_headers(response)
        response["X-Page-Cache"] = outcome
        # How long a shared cache in front (nginx, deploy/) may keep it without asking:
        # no longer than this cache does; a purge (core/proxypurge.py) drops it sooner.
        # nginx counts from the start of its current second and keeps an entry to the end
        # of its last one, which can be most of a second late: one second less.
        remaining = entry.get("until", 0) - time.time()
        response["X-Accel-Expires"] = str(max(0, int(remaining) - 1))
        return response

    @staticmethod
    def private(response):
        if response.get("Content-Type", "").startswith("text/html"):
            if "Cache-Control" not in response:
                response["Cache-Control"] = "private, no-cache"
            patch_vary_headers(response, ["Cookie"])
        return response

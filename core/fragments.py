"""Parts of an anonymous reader's page kept apart from the page, so that a page made fresh
by a change elsewhere on it does not render them again.

An article page is made fresh whenever one of its comments changes, but its text, sources,
JSON-LD and related articles only change with a change the page cache invalidates the whole
site for (core/pagecache.py: articles, authors, categories, tags, images, settings).  Those
parts are kept under the site's generation: a comment leaves them be, any other change
leaves them behind, as it does every stored page.  A part is kept no longer than the page
it was rendered for (``page_cache_until``: the next scheduled article, the cache timeout),
and a page that reuses it is kept no longer than the part.

The parts a page shows with the same values (an article's id) are kept together, under one
key: a page reads them from the cache in one round trip.

Only for requests the page cache serves (anonymous readers' GET): a signed-in page, a
preview or a form shown again is always rendered whole.
"""

import contextlib
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

KEY = "pulse:fragments:{release}:{language}:{site}:{digest}"


def applies(request):
    """A request the page cache serves, under a site generation it could read ("-": the
    cache did not answer, and a part kept under it could outlive a change)."""
    return request is not None and getattr(request, "page_cache_site", "-") != "-"


def group_key(request, parts):
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return KEY.format(release=settings.PULSE_RELEASE, language=language,
                      site=request.page_cache_site, digest=digest)  # fmt: skip


def kept_parts(request, key):
    """The parts kept under ``key``, read once per request ({name: {"html", "until"}})."""
    groups = request.__dict__.setdefault("page_fragments", {})
    if key not in groups:
        try:
            found = cache.get(key)
        except (DatabaseError, OSError):  # the cache is unwell: render, as the page cache does
            found = None
        now = time.time()
        groups[key] = {n: part for n, part in (found or {}).items() if part["until"] > now}
    return groups[key]


def all_kept(request, parts, names):
    """Whether every part in ``names`` is kept for ``parts``: a view may then read less,
    since the page will not render them (one cache read per request, shared with cached())."""
    if not applies(request):
        return False
    group = kept_parts(request, group_key(request, parts))
    return all(name in group for name in names)


def cached(request, name, parts, render):
    """The HTML ``render()`` makes, kept as ``name`` beside the other parts shown with the
    same ``parts`` (what they show beyond the site's content: an article's id, say)."""
    if not applies(request):
        return render()
    key = group_key(request, parts)
    group = kept_parts(request, key)
    part = group.get(name)
    if part is not None:
        request.page_cache_until = min(request.page_cache_until, part["until"])
        return part["html"]
    html = str(render())
    # Whatever the page must change by so far (a publication, the timeout), the part too.
    group[name] = {"html": html, "until": request.page_cache_until}
    request.__dict__.setdefault("page_fragments_new", set()).add(key)
    return html


def store(request):
    """Write the groups this request added parts to, once each, after the page is rendered
    (a page rendered whole adds five parts: one write, not five)."""
    for key in getattr(request, "page_fragments_new", ()):
        group = request.page_fragments[key]
        seconds = int(max(part["until"] for part in group.values()) - time.time())
        if seconds > 0:
            with contextlib.suppress(DatabaseError, OSError):
                cache.set(key, group, seconds)

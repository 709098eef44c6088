"""Parts of an anonymous reader's page kept apart from the page, so that a page made fresh
by a change elsewhere on it does not render them again.

An article page is made fresh whenever one of its comments changes, but its text, sources,
JSON-LD and related articles only change with a change the page cache invalidates the whole
site for (core/pagecache.py: articles, authors, categories, tags, images, settings).  Those
parts are kept under the site's generation: a comment leaves them be, any other change
leaves them behind, as it does every stored page.  A part is kept no longer than the page
it was rendered for (``page_cache_until``: the next scheduled article, the cache timeout),
and a page that reuses it is kept no longer than the part.

Only for requests the page cache serves (anonymous readers' GET): a signed-in page, a
preview or a form shown again is always rendered whole.
"""

import contextlib
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

KEY = "pulse:fragment:{release}:{language}:{site}:{name}:{digest}"


def applies(request):
    """A request the page cache serves, under a site generation it could read ("-": the
    cache did not answer, and a part kept under it could outlive a change)."""
    return request is not None and getattr(request, "page_cache_site", "-") != "-"


def fragment_key(request, name, parts):
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return KEY.format(release=settings.PULSE_RELEASE, language=language,
                      site=request.page_cache_site, name=name, digest=digest)  # fmt: skip


def cached(request, name, parts, render):
    """The HTML ``render()`` makes, kept under ``name`` and ``parts`` (what it shows beyond
    the site's content: an article's id, say) for the pages the page cache serves."""
    if not applies(request):
        return render()
    key = fragment_key(request, name, parts)
    try:
        kept = cache.get(key)
    except (DatabaseError, OSError):  # the cache is unwell: render, as the page cache does
        return render()
    if kept is not None:
        request.page_cache_until = min(request.page_cache_until, kept["until"])
        return kept["html"]
    html = str(render())
    # Whatever the page must change by so far (a publication, the timeout), the part too.
    until = request.page_cache_until
    seconds = int(until - time.time())
    if seconds > 0:
        with contextlib.suppress(DatabaseError, OSError):
            cache.set(key, {"html": html, "until": until}, seconds)
    return html

"""Old addresses: a site moved to Pulse keeps its links.  WordPress's ``/?p=12`` and
``/?page_id=7`` find the article by its WordPress id; any other path that Pulse answers
with a 404 is looked up among the articles' old paths (LegacyAddress).  Both answer a 301.

The middleware sits before the page cache: the cache keys only the query parameters pages
read, so without it ``/?p=12`` would be served the cached home page."""

from django.http import HttpResponsePermanentRedirect

from core.wordpress.addresses import normalise_path

from .models import Article, LegacyAddress

ID_PARAMETERS = ("p", "page_id")


def article_for_wordpress_id(value):
    if not (value.isascii() and value.isdigit() and len(value) < 19):
        return None
    return Article.objects.published().filter(wordpress_id=int(value)).only("slug").first()


def article_for_old_path(path):
    # No stored address is that long or holds a NUL (which PostgreSQL refuses in a query).
    if len(path) > 500 or "\x00" in path:
        return None
    found = (
        LegacyAddress.objects.filter(
            path=normalise_path(path), article__in=Article.objects.published()
        )
        .select_related("article")
        .only("article__slug")
        .first()
    )
    return found.article if found else None


class LegacyAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        for name in ID_PARAMETERS:
            if name in request.GET:
                article = article_for_wordpress_id(request.GET[name])
                if article is not None:
                    return HttpResponsePermanentRedirect(article.get_absolute_url())
        response = self.get_response(request)
        if response.status_code == 404:
            article = article_for_old_path(request.path)
            if article is not None:
                return HttpResponsePermanentRedirect(article.get_absolute_url())
        return response

"""Site chrome that every page needs: the category menu; and, for the page cache, the
moment the next scheduled article comes out (every page shows the newest articles
somewhere: listings, related articles, feeds)."""

from django.core.cache import cache
from django.db.models import Subquery
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from core import pagecache

from .models import Article, Category

CHROME_KEY = "pulse:chrome"
CHROME_SECONDS = 300


def _work_out_chrome():
    """The menu's categories and the next scheduled publication, in one query: the moment
    rides on each category row as a scalar subquery (no categories means no articles)."""
    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values("published_at")[:1]
    )
    rows = list(
        Category.objects.only("name", "slug").annotate(next_publication=Subquery(upcoming))
    )
    return {"menu": rows, "next_publication": rows[0].next_publication if rows else None}


def chrome():
    """The menu and schedule, kept for CHROME_SECONDS or until the next publication."""
    kept = cache.get(CHROME_KEY)
    moment = kept and kept["next_publication"]
    if kept is None or (moment is not None and moment <= timezone.now()):
        kept = _work_out_chrome()
        cache.set(CHROME_KEY, kept, CHROME_SECONDS)
    return kept


def forget_chrome(paths=None, **_kwargs):
    """Once a site-wide change commits (pagecache.pages_changed), the menu and schedule
    are worked out again."""
    if paths is None:
        cache.delete(CHROME_KEY)


def site_navigation(request):
    """The menu is lazy, so that pages which never show it (admin, robots.txt) pay nothing.
    A page kept by the page cache is kept no later than the next scheduled article."""
    kept = SimpleLazyObject(chrome)  # read from the cache once per page, if at all
    if hasattr(request, "page_cache_until"):
        pagecache.expire_at(request, kept["next_publication"])
    return {"nav_categories": SimpleLazyObject(lambda: kept["menu"])}

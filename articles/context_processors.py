"""Site chrome that every page needs: the category menu; and, for the page cache, the
moment the next scheduled article comes out (every page shows the newest articles
somewhere: the menu's counts, listings, feeds)."""

from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from core import pagecache

from .models import Article, Category

MENU_KEY = "pulse:menu"
SCHEDULE_KEY = "pulse:next-publication"
CHROME_SECONDS = 300


def menu():
    return cache.get_or_set(
        MENU_KEY, lambda: list(Category.objects.only("name", "slug")), CHROME_SECONDS
    )


def next_publication():
    """When the next article scheduled for later comes out, or None."""
    stored = cache.get(SCHEDULE_KEY)  # (moment,): None is an answer too
    if stored is None or (stored[0] is not None and stored[0] <= timezone.now()):
        moment = (
            Article.objects.filter(
                status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
            )
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        stored = (moment,)
        cache.set(SCHEDULE_KEY, stored, CHROME_SECONDS)
    return stored[0]


def forget_chrome(paths=None, **_kwargs):
    """Once a site-wide change commits (pagecache.pages_changed), the menu and schedule
    are worked out again."""
    if paths is None:
        cache.delete_many([MENU_KEY, SCHEDULE_KEY])


def site_navigation(request):
    """The menu is lazy, so that pages which never show it (admin, robots.txt) pay nothing.
    A page kept by the page cache is kept no later than the next scheduled article."""
    if hasattr(request, "page_cache_until"):
        pagecache.expire_at(request, next_publication())
    return {"nav_categories": SimpleLazyObject(menu)}

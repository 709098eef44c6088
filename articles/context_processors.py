"""Site chrome that every page needs: the site's name and the category menu."""

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from . import pagecache
from .models import Category

NAV_KEY = "pulse:nav-categories:{version}"


def _categories():
    """The menu changes only when content does: cached under the content version."""
    return cache.get_or_set(
        NAV_KEY.format(version=pagecache.content_version()),
        lambda: list(Category.objects.only("name", "slug")),
        3600,
    )


def site_navigation(request):
    """Lazy, so that pages which never show the menu (admin, robots.txt) pay nothing."""
    return {
        "site_name": settings.PULSE_SITE_NAME,
        "site_section": settings.PULSE_SITE_SECTION,
        "nav_categories": SimpleLazyObject(_categories),
    }
